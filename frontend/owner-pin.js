// Owner pages: place or drag the business's pin on a map. Progressive enhancement only: the latitude and
// longitude inputs are the real form fields and work without this script; the map just writes into them.
(function () {
    'use strict';

    var element = document.getElementById('pin-map');
    var latitude = document.getElementById('latitude');
    var longitude = document.getElementById('longitude');
    if (!element || !latitude || !longitude || typeof L === 'undefined') {
        return;
    }
    element.hidden = false;

    var map = L.map(element, {scrollWheelZoom: false});
    // the bundled country outlines lie under the tiles (as on the map page): seen only where tiles are missing
    map.createPane('basemap').style.zIndex = 150;
    if (element.dataset.basemapUrl) {
        fetch(element.dataset.basemapUrl)
            .then(function (response) { return response.json(); })
            .then(function (countries) {
                L.geoJSON(countries, {pane: 'basemap', interactive: false, attribution: 'Outlines: Natural Earth',
                    style: {color: '#8c8c8c', weight: 1, fillColor: '#f2efe9', fillOpacity: 1}}).addTo(map);
            })
            .catch(function () { /* tiles alone, or the grey background: the fields still work */ });
    }
    if (element.dataset.tileUrl) {
        L.tileLayer(element.dataset.tileUrl, {maxZoom: 19, attribution: element.dataset.tileAttribution || ''})
            .addTo(map);
    }
    // a div pin styled by owner.css: no image URL to resolve, nothing inline for the CSP to refuse
    var icon = L.divIcon({className: 'pin-icon', iconSize: [22, 22], iconAnchor: [11, 11]});
    var marker = null;

    function typed() {
        var lat = Number(latitude.value.trim());
        var lng = Number(longitude.value.trim());
        var valid = latitude.value.trim() !== '' && longitude.value.trim() !== '' && isFinite(lat) && isFinite(lng)
            && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
        return valid ? L.latLng(lat, lng) : null;
    }

    function write(latLng) {
        var wrapped = latLng.wrap();
        latitude.value = wrapped.lat.toFixed(6);
        longitude.value = wrapped.lng.toFixed(6);
    }

    function place(latLng) {
        if (marker) {
            marker.setLatLng(latLng);
            return;
        }
        marker = L.marker(latLng, {draggable: true, autoPan: true, icon: icon, title: 'Business location'})
            .addTo(map);
        marker.on('dragend', function () {
            write(marker.getLatLng());
        });
    }

    var start = typed();
    if (start) {
        place(start);
        map.setView(start, 16);
    } else {
        var lat = Number(element.dataset.centerLatitude);
        var lng = Number(element.dataset.centerLongitude);
        var known = element.dataset.centerLatitude && isFinite(lat) && isFinite(lng);
        map.setView(known ? [lat, lng] : [20, 0], known ? 13 : 2);
    }

    map.on('click', function (event) {
        var latLng = event.latlng.wrap();
        place(latLng);
        write(latLng);
    });

    [latitude, longitude].forEach(function (input) {
        input.addEventListener('change', function () {
            var latLng = typed();
            if (latLng) {
                place(latLng);
                map.panTo(latLng);
            }
        });
    });
})();
