// The monitoring charts of a VM (issue 5): every .monitoring[data-series-url] panel fetches its
// series as JSON and draws four uPlot charts into its figures. The panel may arrive with the page
// or later through an htmx swap (the VM detail page, the hour/day switch), and this file may run
// more than once: it defines itself once and draws each panel once.
(function () {
  if (window.vsipMonitoring) {
    window.vsipMonitoring.drawAll(document);
    return;
  }

  var lang = document.documentElement.lang || "zh-CN";

  // 1536 -> "1.5 KiB" with the page's units ("B|KiB|MiB|GiB|TiB").
  function scaled(value, units) {
    if (value == null) {
      return "--";
    }
    var i = 0;
    var v = Math.abs(value);
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    var text = (value < 0 ? -v : v).toLocaleString(lang, {maximumFractionDigits: v < 10 && i > 0 ? 1 : 0});
    return text + " " + units[i];
  }

  function formatter(unit, panel) {
    if (unit === "percent") {
      return function (v) {
        return v == null ? "--" : v.toLocaleString(lang, {maximumFractionDigits: 1}) + " %";
      };
    }
    var units = (unit === "bytes" ? panel.dataset.unitsBytes : panel.dataset.unitsRate).split("|");
    return function (v) {
      return scaled(v, units);
    };
  }

  function time(seconds, withDate) {
    var date = new Date(seconds * 1000);
    var options = {hour: "2-digit", minute: "2-digit", hour12: false};
    // Times read in the portal's zone, as every other time on its pages, not the browser's.
    var zone = document.querySelector("[data-time-zone]");
    if (zone && zone.dataset.timeZone) {
      options.timeZone = zone.dataset.timeZone;
    }
    if (withDate) {
      options.month = "2-digit";
      options.day = "2-digit";
    }
    return date.toLocaleString(lang, options);
  }

  // The columns each chart shows; the CPU peak only where points are averages (the day).
  function columns(name, series) {
    switch (name) {
      case "cpu":
        return series.range === "day" ? [series.cpu, series.cpuMax] : [series.cpu];
      case "memory":
        return [series.memory, series.memoryTotal];
      case "disk":
        return [series.diskRead, series.diskWrite];
      default:
        return [series.netIn, series.netOut];
    }
  }

  // Ticks on the time axis at least a minute apart: labels show hours and minutes, so closer ticks
  // would repeat a label.
  var TIME_STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800];

  // The time axis spans the window the series covers when it says so (from/until, the host charts),
  // so one sample or a few minutes of them still read their real times; otherwise the points' own
  // times, widened around a single point.
  function xRange(series) {
    return function (u, min, max) {
      if (series.from != null && series.until != null) {
        return [series.from, series.until];
      }
      return min === max ? [min - 1800, max + 1800] : [min, max];
    };
  }

  // Two series per chart, told apart by label and line style (solid, dashed), not by colour alone.
  var STROKES = ["#1d4ed8", "#b91c1c"];

  function draw(figure, panel, series) {
    var labels = figure.dataset.labels.split("|");
    var format = formatter(figure.dataset.unit, panel);
    var data = [series.timestamps].concat(columns(figure.dataset.chart, series));
    var lines = [{
      label: panel.dataset.labelTime,
      value: function (u, v) {
        return v == null ? "--" : time(v, true);
      }
    }];
    for (var i = 1; i < data.length; i++) {
      lines.push({
        label: labels[i - 1],
        stroke: STROKES[i - 1],
        width: 2,
        dash: i === 1 ? undefined : [6, 4],
        value: function (u, v) {
          return format(v);
        }
      });
    }
    var options = {
      width: Math.max(280, Math.min(figure.clientWidth || 560, 720)),
      height: 180,
      series: lines,
      scales: {
        x: {time: true, range: xRange(series)},
        y: figure.dataset.unit === "percent" ? {range: [0, 100]} : {range: [0, null]}
      },
      axes: [
        {incrs: TIME_STEPS, values: function (u, splits) {
          var labels = splits.map(function (t) { return time(t, series.range === "day"); });
          // The axis is drawn on a canvas: its labels are kept on the figure too, for tests and tools.
          figure.dataset.timeLabels = labels.join("|");
          return labels;
        }},
        {size: 80, values: function (u, splits) {
          return splits.map(format);
        }}
      ]
    };
    // The legend shows the latest point until the reader points at another.
    var latest = function (u) {
      if (u.cursor.idx == null && series.timestamps.length > 0) {
        u.setLegend({idx: series.timestamps.length - 1});
      }
    };
    options.hooks = {ready: [latest], setCursor: [latest]};
    new window.uPlot(options, data, figure);
  }

  function drawPanel(panel) {
    var figures = panel.querySelectorAll("figure.chart");
    if (figures.length === 0 || !window.uPlot) {
      return;
    }
    panel.dataset.drawn = "true";
    fetch(panel.dataset.seriesUrl, {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (series) {
        figures.forEach(function (figure) {
          draw(figure, panel, series);
        });
        panel.dataset.charted = "true";
      })
      .catch(function () {
        panel.dataset.charted = "failed";
      });
  }

  window.vsipMonitoring = {drawAll: window.vsipCharts.each(".monitoring[data-series-url]", drawPanel)};
})();
