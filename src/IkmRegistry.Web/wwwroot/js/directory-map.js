// Draws the directory maps (Pages/Directory/_Map.cshtml) with Leaflet. No tile server is needed: markers and
// labels on a plain background, so the map works offline; tiles are added only when the server configured them.
(function () {
  'use strict';
  if (typeof L === 'undefined') {
    return;
  }

  // Names go in as text nodes, never as markup (map-text.js).
  var asText = window.ikmMapText;

  document.querySelectorAll('[data-directory-map]').forEach(function (element) {
    var data = JSON.parse(element.getAttribute('data-directory-map'));
    var fallback = element.querySelector('.directory-map-fallback');
    if (fallback) {
      fallback.remove();
    }
    element.classList.add('is-live');

    var map = L.map(element, {
      attributionControl: Boolean(data.tileUrl),
      scrollWheelZoom: false,
      zoomSnap: 0.25
    });
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || '', maxZoom: 18 }).addTo(map);
    }

    var focus = [];
    var all = [];
    // The highlighted point last, so that it is drawn on top.
    data.points.slice().sort(function (a, b) { return (a.kind === 'sentra') - (b.kind === 'sentra'); }).forEach(function (point) {
      var position = [point.lat, point.lng];
      var marker = L.circleMarker(position, {
        radius: point.kind === 'sentra' ? 10 : (point.kind === 'area' ? 5 : 8),
        className: 'map-point map-point-' + point.kind,
        interactive: Boolean(point.url)
      });
      var strong = point.kind !== 'area';
      // A strong label goes to the side facing the map's centre, so that a long name is not cut at the edge.
      marker.bindTooltip(asText(point.label), {
        permanent: point.labelled,
        direction: strong ? 'auto' : 'top',
        offset: strong ? [10, 0] : [0, -6],
        className: 'map-label' + (strong ? ' map-label-strong' : '')
      });
      if (point.url) {
        marker.on('click', function () { window.location.href = point.url; });
      }
      marker.addTo(map);
      all.push(position);
      if (point.focus) {
        focus.push(position);
      }
    });

    var bounds = L.latLngBounds(focus.length > 1 ? focus : all);
    if (focus.length === 1) {
      map.setView(focus[0], 12);
    } else {
      map.fitBounds(bounds, { padding: [32, 32] });
    }
  });
})();
