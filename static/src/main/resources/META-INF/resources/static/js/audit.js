// The operation log's chart (issue 6): every figure.audit-chart[data-chart-url] fetches the events per
// day by result for the page's filter and draws them with uPlot, one line per result. The figure may
// arrive with the page or through an htmx swap (a new filter, another page), and this file may run
// more than once: it defines itself once and draws each figure once.
(function () {
  if (window.vsipAuditChart) {
    window.vsipAuditChart.drawAll(document);
    return;
  }

  var lang = document.documentElement.lang || "zh-CN";
  // Told apart by line style and point shape, not by colour alone.
  var STYLES = [
    {stroke: "#15803d", dash: undefined},
    {stroke: "#b91c1c", dash: [6, 4]},
    {stroke: "#b45309", dash: [2, 3]}
  ];
  var RESULTS = ["SUCCESS", "FAILURE", "DENIED"];

  function draw(figure, chart) {
    var labels = figure.dataset.labels.split("|");
    var xs = chart.days.map(function (d, i) { return i; });
    var data = [xs];
    var series = [{
      label: figure.dataset.labelDay,
      value: function (u, v) { return v == null ? "--" : chart.days[v]; }
    }];
    RESULTS.forEach(function (result, i) {
      data.push(chart.counts[result]);
      series.push({label: labels[i], stroke: STYLES[i].stroke, dash: STYLES[i].dash, width: 2,
        points: {show: true, size: 5}, value: function (u, v) {
          return v == null ? "--" : v.toLocaleString(lang);
        }});
    });
    var options = {
      width: Math.max(320, Math.min(figure.clientWidth || 900, 1120)),
      height: 200,
      series: series,
      scales: {x: {time: false}, y: {range: function (u, min, max) { return [0, Math.max(1, max)]; }}},
      axes: [
        {values: function (u, splits) {
          return splits.map(function (i) {
            var day = chart.days[Math.round(i)];
            return day ? day.substring(5) : "";
          });
        }},
        {size: 60, values: function (u, splits) {
          return splits.map(function (v) { return Number.isInteger(v) ? v.toLocaleString(lang) : ""; });
        }}
      ]
    };
    new window.uPlot(options, data, figure);
  }

  function drawFigure(figure) {
    if (!window.uPlot) {
      return;
    }
    figure.dataset.drawn = "true";
    fetch(figure.dataset.chartUrl, {headers: {Accept: "application/json"}, credentials: "same-origin"})
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) {
            // A refused range (400) names its parameter: say why there is no chart.
            var errors = body.errors || {};
            var text = Object.keys(errors).map(function (k) { return errors[k]; }).join(" ");
            throw new Error(text || String(response.status));
          }
          return body;
        });
      })
      .then(function (chart) {
        draw(figure, chart);
        if (chart.clamped) {
          note(figure, "muted audit-chart-clamped", figure.dataset.labelClamped.replace("{0}", chart.days[0] || ""));
        }
        figure.dataset.charted = "true";
      })
      .catch(function (error) {
        note(figure, "error audit-chart-error", error.message);
        figure.dataset.charted = "failed";
      });
  }

  function note(figure, className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    figure.appendChild(p);
  }

  window.vsipAuditChart = {drawAll: window.vsipCharts.each("figure.audit-chart[data-chart-url]", drawFigure)};
})();
