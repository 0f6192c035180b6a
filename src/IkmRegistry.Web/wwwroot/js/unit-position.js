// The unit form's "take the position" button: the browser's geolocation fills latitude, longitude, accuracy,
// how it was obtained and when (WIB). Without geolocation the button stays hidden and the fields are typed.
(function () {
    "use strict";
    var button = document.getElementById("take-position");
    if (!button || !("geolocation" in navigator)) {
        return;
    }
    var status = document.getElementById("position-status");
    function field(name) {
        return document.querySelector("[name='Input." + name + "']");
    }
    function wib(ms) {
        // datetime-local in Western Indonesia Time (UTC+7), whatever the phone's own zone.
        return new Date(ms + 7 * 3600 * 1000).toISOString().slice(0, 16);
    }
    button.hidden = false;
    button.addEventListener("click", function () {
        status.textContent = button.dataset.waiting;
        button.disabled = true;
        navigator.geolocation.getCurrentPosition(function (position) {
            var c = position.coords;
            field("Latitude").value = c.latitude.toFixed(6);
            field("Longitude").value = c.longitude.toFixed(6);
            field("PositionAccuracy").value = Math.round(c.accuracy * 10) / 10;
            field("PositionSource").value = "Geopoint";
            field("PositionTakenAt").value = wib(position.timestamp || Date.now());
            status.textContent = button.dataset.done.replace("{0}", String(Math.round(c.accuracy)));
            button.disabled = false;
        }, function () {
            status.textContent = button.dataset.failed;
            button.disabled = false;
        }, { enableHighAccuracy: true, timeout: 30000, maximumAge: 60000 });
    });
})();
