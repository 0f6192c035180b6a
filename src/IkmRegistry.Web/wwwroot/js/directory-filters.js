// Directory filters (Pages/Directory/Index.cshtml): once a kecamatan is chosen, the kelurahan list offers only its
// kelurahan. Without JavaScript every kelurahan stays on offer and the form works the same.
(function () {
  'use strict';
  var kecamatan = document.getElementById('kecamatan');
  var kelurahan = document.getElementById('kelurahan');
  if (!kecamatan || !kelurahan) {
    return;
  }

  function narrow() {
    var chosen = kecamatan.value;
    kelurahan.querySelectorAll('optgroup[data-kecamatan]').forEach(function (group) {
      var shown = !chosen || group.getAttribute('data-kecamatan') === chosen;
      group.hidden = !shown;
      group.disabled = !shown;
    });
    var selected = kelurahan.options[kelurahan.selectedIndex];
    if (selected && selected.parentElement.disabled) {
      kelurahan.value = '';
    }
  }

  kecamatan.addEventListener('change', narrow);
  narrow();
})();
