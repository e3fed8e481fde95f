/* The map page. Plain script (no inline code: the CSP allows only same-origin files). */
(function () {
    'use strict';
    const app = document.getElementById('map-app');
    const map = L.map('map').setView([Number(app.dataset.centerLatitude), Number(app.dataset.centerLongitude)], 13);
    L.tileLayer(app.dataset.tileUrl, {maxZoom: 19, attribution: app.dataset.tileAttribution}).addTo(map);
})();
