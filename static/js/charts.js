/* Draws the charts of a page from the JSON beside each canvas (json_script). The same numbers
   are in a table under every chart, so a page reads the same without this script or Chart.js. */
(function () {
  "use strict";

  // The grade colours of the bands (static/scss/app.scss): each 4.5:1 or more against white.
  var GRADE_COLOURS = {
    outstanding: "#00703c",
    good: "#1d70b8",
    requires_improvement: "#a14a00",
    inadequate: "#d4351c"
  };

  function config(spec) {
    if (spec.kind === "stacked") {
      return {
        type: "bar",
        data: {
          labels: spec.labels,
          datasets: spec.datasets.map(function (set) {
            return { label: set.label, data: set.data, backgroundColor: GRADE_COLOURS[set.grade] };
          })
        },
        options: {
          maintainAspectRatio: false,
          scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } }
        }
      };
    }
    return null;
  }

  function draw(canvas) {
    if (!window.Chart || canvas.getAttribute("data-chart-drawn")) {
      return;
    }
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var settings = config(JSON.parse(source.textContent));
    if (settings) {
      new window.Chart(canvas, settings);
      canvas.setAttribute("data-chart-drawn", "true");
    }
  }

  function drawAll(root) {
    if (root.matches && root.matches("canvas[data-chart]")) {
      draw(root);
    }
    if (root.querySelectorAll) {
      root.querySelectorAll("canvas[data-chart]").forEach(draw);
    }
  }

  if (window.htmx) {
    window.htmx.onLoad(drawAll);
  } else {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  }
})();
