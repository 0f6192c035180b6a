// Coverage dashboards: charts (Chart.js), the kelurahan map (Leaflet) and the print button.
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

  function drawMap() {
    var element = document.getElementById('peta');
    if (!element || typeof L === 'undefined') {
      return;
    }
    var points = JSON.parse(element.getAttribute('data-points') || '[]');
    var labels = JSON.parse(element.getAttribute('data-labels') || '[]');
    if (points.length === 0) {
      element.classList.add('d-none');
      return;
    }
    var text = function (name) { return element.getAttribute('data-text-' + name) || ''; };
    var map = L.map(element, { scrollWheelZoom: false, attributionControl: true, zoomSnap: 0.25 });
    var tiles = element.getAttribute('data-tile-url');
    if (tiles) {
      // Background tiles only when an administrator configured a tile server (Dashboard:MapTileUrl).
      L.tileLayer(tiles, { maxZoom: 18, attribution: element.getAttribute('data-tile-attribution') || '' }).addTo(map);
    } else {
      element.classList.add('coverage-map-plain');
    }
    var max = Math.max.apply(null, points.map(function (p) { return p.units; }).concat([1]));
    var bounds = [];
    points.forEach(function (p) {
      var radius = 5 + 15 * Math.sqrt(p.units / max);
      var marker = L.circleMarker([p.lat, p.lng], {
        radius: radius,
        color: p.covered ? '#0b5d3b' : '#a04000',
        weight: 2,
        fillColor: p.covered ? '#2e9e6a' : '#f08c2a',
        fillOpacity: 0.75
      }).addTo(map);
      var popup = document.createElement('div');
      var title = document.createElement('strong');
      title.textContent = p.name;
      popup.appendChild(title);
      popup.appendChild(document.createElement('br'));
      popup.appendChild(document.createTextNode((p.covered ? text('covered') : text('uncovered')) + ' · ' +
        text('units') + ': ' + p.units.toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID') + ' · ' +
        text('sentra') + ': ' + p.sentra));
      popup.appendChild(document.createElement('br'));
      var link = document.createElement('a');
      link.href = p.href;
      link.textContent = text('open');
      popup.appendChild(link);
      marker.bindPopup(popup);
      // Leaflet inserts a string as HTML: the name goes in as a text node.
      var tooltip = document.createElement('span');
      tooltip.textContent = p.name;
      marker.bindTooltip(tooltip);
      bounds.push([p.lat, p.lng]);
    });
    labels.forEach(function (k) {
      var label = document.createElement('span');
      label.textContent = k.name;
      L.marker([k.lat, k.lng], {
        icon: L.divIcon({ className: 'kecamatan-label', html: label, iconSize: null }),
        interactive: false,
        keyboard: false
      }).addTo(map);
    });
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
  }

  function wirePrint() {
    document.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  }

  drawCharts();
  drawMap();
  wirePrint();
}());
