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
    if (canvas.getAttribute("data-chart-drawn")) {
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

  // Says, beside a chart that cannot be drawn, where its numbers are.
  function markFailed(canvas) {
    var note = canvas.parentNode.querySelector(".app-chart__failed");
    if (note) {
      note.hidden = false;
    }
  }

  // Chart.js from the CDN, else (the CDN unreachable or blocked) this site's own copy, loaded once.
  var FALLBACK = document.currentScript && document.currentScript.getAttribute("data-chartjs-fallback");
  var waiting = null;

  function withChartJs(callback) {
    if (window.Chart) {
      callback(true);
      return;
    }
    if (!FALLBACK) {
      callback(false);
      return;
    }
    if (!waiting) {
      waiting = [];
      var script = document.createElement("script");
      script.src = FALLBACK;
      script.onload = function () { waiting.forEach(function (fn) { fn(!!window.Chart); }); waiting = []; };
      script.onerror = function () { waiting.forEach(function (fn) { fn(false); }); waiting = []; FALLBACK = null; };
      document.head.appendChild(script);
    }
    waiting.push(callback);
  }

  function drawAll(root) {
    var canvases = [];
    if (root.matches && root.matches("canvas[data-chart]")) {
      canvases.push(root);
    }
    if (root.querySelectorAll) {
      root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) { canvases.push(canvas); });
    }
    if (!canvases.length) {
      return;
    }
    withChartJs(function (loaded) { canvases.forEach(loaded ? draw : markFailed); });
  }

  // A chart htmx swaps out is destroyed with it, so that Chart.js keeps no hold on it.
  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    var canvas = event.detail.elt;
    var chart = window.Chart && canvas.matches && canvas.matches("canvas[data-chart]") && window.Chart.getChart(canvas);
    if (chart) {
      chart.destroy();
    }
  });

  if (window.htmx) {
    window.htmx.onLoad(drawAll);
  } else {
    document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  }
})();
