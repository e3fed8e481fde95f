/* The small map on a business page: the pin over tiles, or over bundled country outlines without tiles. */
(function () {
    'use strict';
    const element = document.getElementById('business-map');
    if (!element) return;
    const here = [Number(element.dataset.latitude), Number(element.dataset.longitude)];
    const map = L.map(element, {scrollWheelZoom: false}).setView(here, 15);
    map.createPane('basemap').style.zIndex = 150;
    fetch(element.dataset.basemapUrl).then((response) => response.json()).then((countries) => {
        L.geoJSON(countries, {pane: 'basemap', interactive: false, attribution: 'Outlines: Natural Earth',
            style: {color: '#8c8c8c', weight: 1, fillColor: '#f2efe9', fillOpacity: 1}}).addTo(map);
    }).catch(() => { /* tiles may still show */ });
    L.tileLayer(element.dataset.tileUrl, {maxZoom: 19, attribution: element.dataset.tileAttribution}).addTo(map);
    L.marker(here, {icon: L.divIcon({className: 'pin', iconSize: [16, 16]}), interactive: false}).addTo(map);
})();
