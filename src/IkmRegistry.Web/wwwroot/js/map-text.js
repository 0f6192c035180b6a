// Shared by the map scripts (area-map.js, directory-map.js, unit-map.js), loaded before them: Leaflet inserts a
// string as HTML, so a name typed by staff goes into a tooltip, popup or label as a text node, never as markup.
(function () {
  'use strict';
  window.ikmMapText = function (value) {
    var span = document.createElement('span');
    span.textContent = value;
    return span;
  };
})();
