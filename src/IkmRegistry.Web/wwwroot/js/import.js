// Import progress: polls the batch's state while it is read or written, and reloads the page when it is done.
(function () {
    var box = document.getElementById('import-progress');
    if (!box) {
        return;
    }

    var rows = document.getElementById('import-rows');
    var url = box.getAttribute('data-progress-url');
    var format = new Intl.NumberFormat(document.documentElement.lang || 'id-ID');

    function poll() {
        fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (progress) {
                if (!progress) {
                    setTimeout(poll, 3000);
                    return;
                }

                if (progress.done) {
                    window.location.reload();
                    return;
                }

                if (rows) {
                    rows.textContent = format.format(progress.rows);
                }

                setTimeout(poll, 1000);
            })
            .catch(function () { setTimeout(poll, 3000); });
    }

    setTimeout(poll, 1000);
})();
