// Coverage dashboards: charts (Chart.js) and the print button (the kelurahan map is wwwroot/js/area-map.js).
// Every number drawn here is also in an HTML table next to it, so the page is complete without JavaScript.
(function () {
  'use strict';

  var palette = ['#0b5d3b', '#c05600', '#1f5fa8', '#8a3ea8', '#6b6b00', '#a8323e', '#2f7f7f', '#555555'];

  function drawCharts() {
    if (typeof Chart === 'undefined') {
      return;
    }
    var locale = document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID';
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var spec = JSON.parse(canvas.getAttribute('data-chart'));
      var round = spec.type === 'doughnut';
      var datasets = spec.datasets.map(function (set, i) {
        return {
          label: set.label,
          data: set.data,
          backgroundColor: round ? palette : palette[i % palette.length],
          borderColor: round ? '#fff' : palette[i % palette.length],
          fill: false,
          tension: 0.2
        };
      });
      // Chart.js draws on a canvas that screen readers skip: the canvas has role="img" and the table carries the numbers.
      new Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          locale: locale,
          indexAxis: spec.horizontal ? 'y' : 'x',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: true } },
          scales: round ? {} : { x: { beginAtZero: true }, y: { beginAtZero: true } }
        }
      });
      if (spec.horizontal) {
        canvas.parentElement.classList.add('chart-box-tall');
      }
    });
  }

  function wirePrint() {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  }

  drawCharts();
  wirePrint();
}());
