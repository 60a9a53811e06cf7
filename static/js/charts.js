/* Draws the charts of a page from the JSON beside each canvas (json_script). The same numbers
   are in a table under every chart, so a page reads the same without this script or Chart.js. */
(function () {
  "use strict";

  var GRADES = { 1: "Inadequate", 2: "Requires improvement", 3: "Good", 4: "Outstanding" };
  var GRADE_COLOURS = {
    outstanding: "#00703c",
    good: "#28a197",
    requires_improvement: "#ffdd00",
    inadequate: "#d4351c"
  };
  var PALETTE = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#b58840", "#d53880", "#505a5f"];

  function gradeAxis() {
    return {
      min: 0.5,
      max: 4.5,
      afterBuildTicks: function (axis) {
        axis.ticks = [1, 2, 3, 4].map(function (value) { return { value: value }; });
      },
      ticks: {
        callback: function (value) { return GRADES[value] || ""; }
      }
    };
  }

  function gradeTooltip(context) {
    var value = Math.round(context.parsed.y);
    return context.dataset.label + ": " + (GRADES[value] || "not graded");
  }

  // Lines on the same grade would hide each other: lift each a little (tooltips round it back).
  function nudge(data, index, count) {
    var offset = count > 1 ? (index - (count - 1) / 2) * 0.06 : 0;
    return data.map(function (point) {
      if (point === null || point === undefined) {
        return point;
      }
      if (typeof point === "number") {
        return point + offset;
      }
      return { x: point.x, y: point.y + offset };
    });
  }

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
    if (spec.kind === "grades") {
      return {
        type: "line",
        data: {
          labels: spec.labels,
          datasets: spec.datasets.map(function (set, index) {
            return {
              label: set.label, data: nudge(set.data, index, spec.datasets.length), stepped: true, spanGaps: false,
              borderColor: PALETTE[index % PALETTE.length], backgroundColor: PALETTE[index % PALETTE.length]
            };
          })
        },
        options: {
          maintainAspectRatio: false,
          scales: { y: gradeAxis() },
          plugins: { tooltip: { callbacks: { label: gradeTooltip } } }
        }
      };
    }
    if (spec.kind === "years") {
      var xs = [];
      spec.datasets.forEach(function (set) { set.data.forEach(function (point) { xs.push(point.x); }); });
      var first = xs.length ? Math.floor(Math.min.apply(null, xs)) : new Date().getFullYear() - 1;
      var last = xs.length ? Math.ceil(Math.max.apply(null, xs)) : first + 1;
      if (last <= first) {
        last = first + 1;
      }
      return {
        type: "line",
        data: {
          datasets: spec.datasets.map(function (set, index) {
            return {
              label: set.label, data: nudge(set.data, index, spec.datasets.length), stepped: true,
              borderColor: PALETTE[index % PALETTE.length], backgroundColor: PALETTE[index % PALETTE.length]
            };
          })
        },
        options: {
          maintainAspectRatio: false,
          scales: {
            x: {
              type: "linear", min: first, max: last,
              ticks: { stepSize: 1, callback: function (value) { return Number.isInteger(value) ? value : ""; } }
            },
            y: gradeAxis()
          },
          plugins: {
            tooltip: {
              callbacks: {
                title: function (items) { return items.length ? String(Math.floor(items[0].parsed.x)) : ""; },
                label: gradeTooltip
              }
            }
          }
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
