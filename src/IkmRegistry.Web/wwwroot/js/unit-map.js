// The staff map of unit positions in one kelurahan (Pages/Registry/Peta): the kelurahan's boundary and the units as
// points, points close on screen grouped into one circle with their count (so a kelurahan with hundreds of units
// stays readable), units outside the boundary in red. No tile server: the boundary is the map.
(function () {
  'use strict';
  var element = document.querySelector('[data-unit-map]');
  if (!element || typeof L === 'undefined') {
    return;
  }
  var data = JSON.parse(element.getAttribute('data-unit-map'));
  var map = L.map(element, { attributionControl: false, zoomSnap: 0.5, maxZoom: 19 });
  var bounds = [];
  if (data.boundary) {
    var outline = L.geoJSON(data.boundary, { style: function () { return { className: 'unit-map-boundary' }; }, interactive: false }).addTo(map);
    bounds.push(outline.getBounds());
  }
  data.points.forEach(function (p) { bounds.push(L.latLngBounds([p.lat, p.lng], [p.lat, p.lng])); });
  var all = bounds.reduce(function (a, b) { return a ? a.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast()); }, null);
  if (all) {
    map.fitBounds(all.pad(0.05));
  } else {
    map.setView([-2.2, 113.9], 11);
  }

  // Names go in as text nodes, never as markup (map-text.js).
  var asText = window.ikmMapText;

  var layer = L.layerGroup().addTo(map);
  var cell = 40; // pixels: points closer than this on screen are grouped
  function draw() {
    layer.clearLayers();
    var groups = {};
    data.points.forEach(function (p) {
      var at = map.latLngToLayerPoint([p.lat, p.lng]);
      var key = Math.floor(at.x / cell) + ':' + Math.floor(at.y / cell);
      (groups[key] = groups[key] || []).push(p);
    });
    Object.keys(groups).forEach(function (key) {
      var members = groups[key];
      if (members.length === 1 || map.getZoom() >= map.getMaxZoom()) {
        members.forEach(function (p) {
          var marker = L.circleMarker([p.lat, p.lng], { radius: 7, className: 'unit-point' + (p.outside ? ' unit-point-outside' : '') });
          marker.bindTooltip(asText(p.name + (p.outside ? ' (' + element.dataset.outsideLabel + ')' : '')));
          marker.on('click', function () { window.location.href = p.url; });
          marker.addTo(layer);
        });
        return;
      }
      var lat = 0, lng = 0;
      members.forEach(function (p) { lat += p.lat; lng += p.lng; });
      var center = [lat / members.length, lng / members.length];
      var cluster = L.circleMarker(center, { radius: 10 + Math.min(12, Math.log(members.length) * 3), className: 'unit-cluster' });
      cluster.bindTooltip(asText(String(members.length)), { permanent: true, direction: 'center', className: 'unit-cluster-label', interactive: false });
      cluster.bindPopup(asText(element.dataset.clusterLabel.replace('{0}', String(members.length))));
      cluster.on('click', function () { map.setView(center, Math.min(map.getZoom() + 2, map.getMaxZoom())); });
      cluster.addTo(layer);
    });
  }
  map.on('zoomend', draw);
  draw();
})();
