/*
 * The map page: searches /v1/search/nearby around the map centre whenever the map settles, keeps the result
 * list and the markers in step, and draws the cells the chosen index read. Business text only ever reaches the
 * page through textContent (never innerHTML, never an HTML string handed to Leaflet).
 */
(function () {
    'use strict';

    const PAGE_SIZE = 50;
    const DEBOUNCE_MS = 300;

    const app = document.getElementById('map-app');
    const $ = (id) => document.getElementById(id);
    const ui = {
        radius: $('radius'), category: $('category'), index: $('index'), showCells: $('show-cells'),
        locate: $('locate'), status: $('status'), total: $('total'), results: $('results'), more: $('more')
    };

    const params = new URLSearchParams(window.location.search);
    const start = [numberOr(params.get('latitude'), Number(app.dataset.centerLatitude)),
        numberOr(params.get('longitude'), Number(app.dataset.centerLongitude))];
    if (params.get('radius')) selectValue(ui.radius, params.get('radius'));
    if (params.get('index')) selectValue(ui.index, params.get('index'));

    let tileNotice = '';
    const map = L.map('map', {worldCopyJump: true, zoomControl: true})
        .setView(start, numberOr(params.get('zoom'), 14));
    map.createPane('basemap').style.zIndex = 150; // under the tiles (200): seen only where tiles are missing
    addBasemap();
    addTiles();

    const clusters = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40});
    map.addLayer(clusters);
    const cellLayer = L.layerGroup().addTo(map);
    let circle = null;
    let youAreHere = null;

    const state = {seq: 0, controller: null, query: null, nextPageToken: null, entries: new Map(), active: null};

    // --- search -------------------------------------------------------------------------------------------

    let timer = null;
    function scheduleSearch() {
        clearTimeout(timer);
        timer = setTimeout(newSearch, DEBOUNCE_MS);
    }

    function currentQuery() {
        const centre = map.getCenter().wrap();
        const query = new URLSearchParams({
            latitude: centre.lat.toFixed(6), longitude: centre.lng.toFixed(6),
            radius: ui.radius.value, index: ui.index.value
        });
        if (ui.category.value) query.append('category', ui.category.value);
        return query;
    }

    function newSearch() {
        const query = currentQuery();
        state.query = query;
        state.nextPageToken = null;
        drawCircle(query);
        clearResults();
        fetchPage(query, null);
        drawCells(query);
    }

    function fetchPage(query, pageToken) {
        if (state.controller) state.controller.abort();
        const controller = new AbortController();
        state.controller = controller;
        const seq = ++state.seq;
        const url = new URLSearchParams(query);
        url.set('limit', String(PAGE_SIZE));
        if (pageToken) url.set('pageToken', pageToken);
        app.dataset.searching = 'true';
        ui.more.disabled = true;
        fetch(app.dataset.searchUrl + '?' + url, {signal: controller.signal, headers: {Accept: 'application/json'}})
            .then((response) => response.ok ? response.json() : Promise.reject(new Error('search failed (' + response.status + ')')))
            .then((page) => {
                if (seq !== state.seq) return;
                showPage(page);
                setStatus('');
            })
            .catch((error) => {
                if (error.name !== 'AbortError') setStatus('Search is unavailable right now. ' + error.message);
            })
            .finally(() => {
                if (seq === state.seq) {
                    app.dataset.searching = 'false';
                    app.dataset.searchCount = String(seq);
                    ui.more.disabled = false;
                }
            });
    }

    function showPage(page) {
        const markers = [];
        for (const business of page.businesses) {
            if (state.entries.has(business.id)) continue;
            const item = listItem(business);
            const marker = L.marker([business.latitude, business.longitude], {
                icon: L.divIcon({className: 'pin', iconSize: [16, 16]}),
                title: business.name, // Leaflet sets it as an attribute: no markup is parsed
                keyboard: true
            });
            marker.bindPopup(() => popupNode(business), {maxWidth: 260});
            const entry = {business: business, item: item, marker: marker};
            marker.on('mouseover', () => highlight(entry, false));
            marker.on('mouseout', () => unhighlight(entry));
            marker.on('click', () => highlight(entry, true));
            item.addEventListener('mouseenter', () => highlight(entry, false));
            item.addEventListener('mouseleave', () => unhighlight(entry));
            item.addEventListener('click', () => openEntry(entry));
            item.addEventListener('keydown', (event) => {
                if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); openEntry(entry); }
            });
            state.entries.set(business.id, entry);
            ui.results.appendChild(item);
            markers.push(marker);
            rememberCategory(business.category);
        }
        clusters.addLayers(markers);
        state.nextPageToken = page.nextPageToken;
        ui.total.textContent = page.total === 0 ? 'No businesses within ' + radiusText()
            : page.total + (page.total === 1 ? ' business' : ' businesses') + ' within ' + radiusText()
                + (state.entries.size < page.total ? ' (showing ' + state.entries.size + ')' : '');
        ui.total.dataset.total = String(page.total);
        ui.more.classList.toggle('hidden', !page.nextPageToken);
    }

    function clearResults() {
        clusters.clearLayers();
        state.entries.clear();
        state.active = null;
        ui.results.replaceChildren();
        ui.total.textContent = '';
        ui.more.classList.add('hidden');
    }

    // --- list and markers in step -------------------------------------------------------------------------

    function listItem(business) {
        const item = document.createElement('li');
        item.className = 'result';
        item.tabIndex = 0;
        item.dataset.id = business.id;
        const name = document.createElement('span');
        name.className = 'result-name';
        name.textContent = business.name;
        const meta = document.createElement('span');
        meta.className = 'result-meta';
        meta.textContent = categoryText(business.category) + ' · ' + distanceText(business.distance);
        item.append(name, meta);
        const address = addressText(business);
        if (address) {
            const line = document.createElement('span');
            line.className = 'result-address';
            line.textContent = address;
            item.append(line);
        }
        return item;
    }

    function popupNode(business) {
        const node = document.createElement('div');
        node.className = 'popup';
        node.dataset.id = business.id;
        const name = document.createElement('span');
        name.className = 'popup-name';
        name.textContent = business.name;
        const meta = document.createElement('span');
        meta.className = 'popup-meta';
        meta.textContent = categoryText(business.category) + ' · ' + distanceText(business.distance);
        const address = document.createElement('span');
        address.className = 'popup-meta';
        address.textContent = addressText(business);
        const link = document.createElement('a');
        link.href = app.dataset.businessUrl + encodeURIComponent(business.id);
        link.textContent = 'Details';
        node.append(name, meta, address, link);
        return node;
    }

    function highlight(entry, scroll) {
        if (state.active && state.active !== entry) unhighlight(state.active);
        state.active = entry;
        entry.item.classList.add('active');
        const element = entry.marker.getElement();
        if (element) element.classList.add('active');
        if (scroll) entry.item.scrollIntoView({block: 'nearest'});
    }

    function unhighlight(entry) {
        entry.item.classList.remove('active');
        const element = entry.marker.getElement();
        if (element) element.classList.remove('active');
    }

    function openEntry(entry) {
        clusters.zoomToShowLayer(entry.marker, () => {
            entry.marker.openPopup();
            highlight(entry, false);
        });
    }

    // --- circle, cells, basemap, tiles --------------------------------------------------------------------

    function drawCircle(query) {
        const centre = [Number(query.get('latitude')), Number(query.get('longitude'))];
        const radius = Number(query.get('radius'));
        if (circle) {
            circle.setLatLng(centre).setRadius(radius);
        } else {
            circle = L.circle(centre, {radius: radius, color: '#0b6bcb', weight: 2, fillOpacity: 0.04,
                interactive: false}).addTo(map);
        }
    }

    function drawCells(query) {
        cellLayer.clearLayers();
        app.dataset.cells = '';
        if (!ui.showCells.checked) return;
        fetch(app.dataset.cellsUrl + '?' + query, {headers: {Accept: 'application/json'}})
            .then((response) => response.ok ? response.json() : Promise.reject(new Error(String(response.status))))
            .then((result) => {
                if (query !== state.query) return;
                for (const cell of result.cells) {
                    L.polygon(cell.polygon, {color: '#c2185b', weight: 1, fill: false, interactive: false,
                        className: 'cell'}).addTo(cellLayer);
                }
                app.dataset.cells = result.index + ':' + result.count;
            })
            .catch(() => setStatus('The index cells could not be loaded.'));
    }

    function addBasemap() {
        fetch(app.dataset.basemapUrl)
            .then((response) => response.json())
            .then((countries) => {
                L.geoJSON(countries, {
                    pane: 'basemap', interactive: false, attribution: 'Outlines: Natural Earth',
                    style: {color: '#8c8c8c', weight: 1, fillColor: '#f2efe9', fillOpacity: 1, className: 'basemap-country'}
                }).addTo(map);
                app.dataset.basemap = 'ready';
            })
            .catch(() => { app.dataset.basemap = 'failed'; });
    }

    function addTiles() {
        const tiles = L.tileLayer(app.dataset.tileUrl, {maxZoom: 19, attribution: app.dataset.tileAttribution,
            crossOrigin: false});
        tiles.on('tileerror', () => {
            app.dataset.tiles = 'failed';
            if (!tileNotice) {
                tileNotice = 'Map tiles are unavailable; showing country outlines.';
                if (!ui.status.textContent) setStatus('');
            }
        });
        tiles.on('tileload', () => { app.dataset.tiles = 'loaded'; });
        tiles.addTo(map);
    }

    // --- my location: nothing leaves the browser before the visitor agrees ----------------------------------

    ui.locate.addEventListener('click', () => {
        if (!('geolocation' in navigator)) {
            setStatus('This browser cannot share a location.');
            return;
        }
        setStatus('Waiting for your permission to use your location…');
        navigator.geolocation.getCurrentPosition((position) => {
            const here = [position.coords.latitude, position.coords.longitude];
            if (youAreHere) youAreHere.setLatLng(here);
            else youAreHere = L.marker(here, {icon: L.divIcon({className: 'you-are-here', iconSize: [14, 14]}),
                interactive: false}).addTo(map);
            setStatus('');
            map.setView(here, Math.max(map.getZoom(), 14));
        }, () => setStatus('Your location was not shared; the map stays where it is.'),
        {enableHighAccuracy: false, timeout: 15000, maximumAge: 60000});
    });

    // --- wiring -------------------------------------------------------------------------------------------

    map.on('moveend', scheduleSearch);
    ui.radius.addEventListener('change', newSearch);
    ui.category.addEventListener('change', newSearch);
    ui.index.addEventListener('change', newSearch);
    ui.showCells.addEventListener('change', () => drawCells(state.query));
    ui.more.addEventListener('click', () => {
        if (state.nextPageToken) fetchPage(state.query, state.nextPageToken);
    });
    newSearch();

    // --- helpers ------------------------------------------------------------------------------------------

    function rememberCategory(category) {
        for (const option of ui.category.options) if (option.value === category) return;
        const option = document.createElement('option');
        option.value = category;
        option.textContent = categoryText(category);
        ui.category.appendChild(option);
    }

    function selectValue(select, value) {
        for (const option of select.options) if (option.value === value) select.value = value;
    }

    function numberOr(text, fallback) {
        const value = text === null || text === '' ? NaN : Number(text);
        return Number.isFinite(value) ? value : fallback;
    }

    function categoryText(category) {
        return category.replace(/_/g, ' ');
    }

    function distanceText(meters) {
        return meters < 1000 ? Math.round(meters) + ' m' : (meters / 1000).toFixed(meters < 10000 ? 2 : 1) + ' km';
    }

    function radiusText() {
        return distanceText(Number(ui.radius.value));
    }

    function addressText(business) {
        return [business.address, business.city, business.country].filter(Boolean).join(', ');
    }

    /** Shows a message; an empty one brings back the standing tile notice, if any. */
    function setStatus(text) {
        ui.status.textContent = text || tileNotice;
    }
})();
