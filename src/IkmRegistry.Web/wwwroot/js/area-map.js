// Draws the kelurahan maps (Pages/Dashboard/_AreaMap.cshtml) with Leaflet: each kelurahan as an area coloured by
// its status, with no tile server (the plain background is the map, so it works offline). Labels are placed at the
// kelurahan's centroid; where two would overlap, the second tries a few nearby places and is hidden (its name stays
// in the hover tooltip, the popup and the table) only when none is free.
(function () {
  'use strict';
  if (typeof L === 'undefined') {
    return;
  }

  var locale = document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID';

  // Names go in as text nodes, never as markup (map-text.js).
  var text = window.ikmMapText;

  // Where a label may go, relative to its point, in pixels: centred first, then above, below, left and right.
  var offsets = [[0, 0], [0, -14], [0, 14], [0, -26], [0, 26], [-36, 0], [36, 0], [-30, -14], [30, -14], [-30, 14], [30, 14], [0, -38], [0, 38]];

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function placeLabels(labels, container) {
    var bounds = container.getBoundingClientRect();
    // The zoom buttons and the attribution sit over the map: a label under them could not be read.
    var placed = Array.prototype.map.call(container.querySelectorAll('.leaflet-control'), function (control) {
      return control.getBoundingClientRect();
    });
    labels.forEach(function (label) {
      var span = label.span;
      span.classList.remove('area-label-hidden');
      var free = offsets.some(function (offset) {
        span.style.left = offset[0] + 'px';
        span.style.top = offset[1] + 'px';
        var box = span.getBoundingClientRect();
        var inside = box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;
        return inside && !placed.some(function (other) { return overlaps(box, other); });
      });
      if (free) {
        placed.push(span.getBoundingClientRect());
      } else {
        span.classList.add('area-label-hidden');
      }
    });
  }

  function popup(area, element) {
    var box = document.createElement('div');
    var title = document.createElement('strong');
    title.textContent = area.name;
    box.appendChild(title);
    box.appendChild(document.createElement('br'));
    box.appendChild(document.createTextNode(area.kecamatan));
    box.appendChild(document.createElement('br'));
    box.appendChild(document.createTextNode(area.statusLabel));
    if (area.units !== null && area.units !== undefined) {
      box.appendChild(document.createElement('br'));
      box.appendChild(document.createTextNode((element.getAttribute('data-text-units') || '') + ': ' + area.units.toLocaleString(locale)));
    }
    if (area.href) {
      box.appendChild(document.createElement('br'));
      var link = document.createElement('a');
      link.href = area.href;
      link.textContent = element.getAttribute('data-text-open') || area.name;
      box.appendChild(link);
    }
    return box;
  }

  document.querySelectorAll('[data-area-map]').forEach(function (element) {
    var data = JSON.parse(element.getAttribute('data-area-map'));
    var fallback = element.querySelector('.area-map-fallback');
    if (fallback) {
      fallback.remove();
    }
    element.classList.add('is-live');

    var map = L.map(element, { attributionControl: true, scrollWheelZoom: false, zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(data.attribution);

    var focus = [];
    var labels = [];
    data.areas.forEach(function (area) {
      var layer = L.geoJSON({ type: 'Feature', geometry: area.geometry, properties: {} }, {
        className: 'area area-' + area.status + (area.focus ? '' : ' area-context')
      });
      layer.bindTooltip(text(area.name + ' · ' + area.statusLabel), { sticky: true, className: 'area-tooltip' });
      layer.bindPopup(popup(area, element));
      layer.addTo(map);
      if (area.focus) {
        focus.push(layer.getBounds());
        var span = text(area.name);
        span.className = 'area-label-text';
        L.marker([area.labelLat, area.labelLng], {
          icon: L.divIcon({ className: 'area-label area-label-' + area.status, html: span, iconSize: null }),
          interactive: false,
          keyboard: false
        }).addTo(map);
        // Kelurahan still without a sentra are what these maps are about: their names are placed first.
        labels.push({ span: span, rank: area.status === 'covered' ? 1 : 0 });
      }
    });
    labels.sort(function (a, b) { return a.rank - b.rank; });

    if (focus.length > 0) {
      var bounds = focus.reduce(function (all, b) { return all.extend(b); }, L.latLngBounds(focus[0].getSouthWest(), focus[0].getNorthEast()));
      // Room at the bottom for the attribution, so that it covers no area (on a phone it takes three lines).
      var attribution = element.querySelector('.leaflet-control-attribution');
      var bottom = 12 + (attribution ? attribution.offsetHeight : 0);
      map.fitBounds(bounds, { paddingTopLeft: [12, 12], paddingBottomRight: [12, bottom] });
    }
    placeLabels(labels, element);
    map.on('zoomend moveend resize', function () { placeLabels(labels, element); });
    element.setAttribute('data-drawn', 'true');
  });
})();
