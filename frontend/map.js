/*
 * The map page. Three kinds of search fill the list and the markers: nearby (a radius round the map centre,
 * the first search and whenever the radius changes), area ("Search this area": the visible box) and nearest
 * (the k nearest matches, from the visitor's location or the map centre). The search box and the filters apply
 * to all three. Zoomed out, the map shows the server's clusters for the visible box instead of markers.
 *
 * The whole view (centre, zoom, q, filters, kind of search) is kept in the URL's fragment, never its query:
 * browsers do not send fragments, so a shared link reopens the view and no location reaches a server log.
 * Business text only ever reaches the page through textContent (never innerHTML, never an HTML string handed
 * to Leaflet).
 */
(function () {
    'use strict';

    const PAGE_SIZE = 50;
    const NEAREST_COUNT = 10;
    const CLUSTER_DEBOUNCE_MS = 250;
    /** Below this zoom the map shows server clusters; from it on, single markers. */
    const MARKER_ZOOM = 12;
    /** The area call takes boxes up to 100 km across; stay a little under it. */
    const MAX_AREA_DIAGONAL_METERS = 99000;
    const KINDS = ['nearby', 'area', 'nearest'];

    const app = document.getElementById('map-app');
    const $ = (id) => document.getElementById(id);
    const ui = {
        panel: $('panel'), sheetToggle: $('sheet-toggle'), sheetSummary: $('sheet-summary'),
        form: $('search-form'), q: $('q'), openNow: $('open-now'), category: $('category'),
        radius: $('radius'), index: $('index'), showCells: $('show-cells'), locate: $('locate'),
        nearestMenu: $('nearest-menu'), nearestOpen: $('nearest-open'), nearestQuery: $('nearest-query'),
        nearestOrigin: $('nearest-origin'), status: $('status'), total: $('total'), results: $('results'),
        more: $('more'), searchArea: $('search-area'), zoomHint: $('zoom-hint')
    };

    const view = readView();
    showControlsOf(view);

    let tileNotice = '';
    const map = L.map('map', {worldCopyJump: true, zoomControl: true, keyboard: true})
        .setView([view.latitude, view.longitude], view.zoom);
    map.createPane('basemap').style.zIndex = 150; // under the tiles (200): seen only where tiles are missing
    addBasemap();
    addTiles();

    const markers = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 24,
        disableClusteringAtZoom: 17});
    const serverClusters = L.layerGroup();
    // zoomed in, every business in view as a small dot under the listed ones' pins (from the clusters call at a
    // finer grid), so the map shows the whole neighbourhood and not only the page of results
    map.createPane('dots').style.zIndex = 350; // over the circle and cells (400 is the overlay pane's), under pins
    const dotRenderer = L.canvas({pane: 'dots', padding: 0.2});
    const dots = L.layerGroup();
    const cellLayer = L.layerGroup().addTo(map);
    let shape = null; // the circle of a nearby search, the box of an area search
    let origin = null; // where a nearest search started
    let youAreHere = null;
    let located = null; // the visitor's position, once they shared it

    const state = {
        seq: 0, controller: null, kind: view.search, url: null, query: null, nextPageToken: null,
        entries: new Map(), active: null, searchedView: null, nearestFrom: view.from
    };

    // --- the three searches --------------------------------------------------------------------------------

    function filters() {
        const query = new URLSearchParams();
        const q = ui.q.value.trim();
        if (q) query.set('q', q);
        if (ui.category.value) query.set('category', ui.category.value);
        if (ui.openNow.checked) query.set('openNow', 'true');
        return query;
    }

    function searchNearby() {
        const centre = map.getCenter().wrap();
        const query = filters();
        query.set('latitude', centre.lat.toFixed(6));
        query.set('longitude', centre.lng.toFixed(6));
        query.set('radius', ui.radius.value);
        query.set('index', ui.index.value);
        begin('nearby', app.dataset.nearbyUrl, query);
        drawShape(L.circle([centre.lat, centre.lng], {radius: Number(ui.radius.value)}));
        drawCells(query);
    }

    function searchArea() {
        const box = visibleBox();
        if (!box.searchable) {
            setStatus('This area is too large to list; zoom in first.');
            return;
        }
        const query = filters();
        for (const edge of ['south', 'west', 'north', 'east']) query.set(edge, box[edge].toFixed(6));
        query.set('index', ui.index.value);
        begin('area', app.dataset.areaUrl, query);
        drawShape(L.rectangle(map.getBounds()));
        clearCells();
    }

    /**
     * The nearest matches from {@code from} (the visitor's location if shared, else the map centre): of a category
     * chosen in the "Nearest" menu, or of the search box and filters when {@code category} is null.
     */
    function searchNearest(from, category, openNow) {
        // the filters follow the choice, so "Search this area" and the link go on from here
        if (category !== null) {
            ui.q.value = '';
            selectValue(ui.category, category);
        }
        ui.openNow.checked = openNow;
        ui.nearestOpen.checked = openNow;
        const query = filters();
        query.set('latitude', from.latlng.lat.toFixed(6));
        query.set('longitude', from.latlng.lng.toFixed(6));
        query.set('index', ui.index.value);
        state.nearestFrom = from;
        begin('nearest', app.dataset.nearestUrl, query);
        drawShape(null);
        clearCells();
        origin = L.circleMarker(from.latlng, {radius: 7, color: '#0b6bcb', weight: 3, fillOpacity: 1,
            fillColor: '#fff', interactive: false}).addTo(map);
    }

    /**
     * Runs the current kind of search again, e.g. after the filters or the search box changed. Zoomed out, a list
     * would be of a speck of the map: the clusters give the overview, and the list waits until the map zooms in.
     */
    function searchAgain() {
        if (state.kind === 'nearest') searchNearest(state.nearestFrom || nearestOrigin(), null, ui.openNow.checked);
        else if (map.getZoom() < MARKER_ZOOM) showOverview();
        else if (state.kind === 'area' && visibleBox().searchable) searchArea();
        else searchNearby();
    }

    /** Zoomed out with nothing to list: the clusters of the view and their total, no list. */
    function showOverview() {
        reset('overview', null, null);
        drawShape(null);
        clearCells();
        writeView();
        refreshClusters();
    }

    /** Zooming in from the overview lists what is in view (or round its centre if the view is too large). */
    function leaveOverview() {
        if (visibleBox().searchable) searchArea();
        else searchNearby();
    }

    /** Where a nearest search starts: the shared location, else the map centre. */
    function nearestOrigin() {
        return located ? {latlng: located, isLocation: true} : {latlng: map.getCenter().wrap(), isLocation: false};
    }

    function begin(kind, url, query) {
        reset(kind, url, query);
        fetchPage(null);
        writeView();
        refreshClusters();
    }

    function reset(kind, url, query) {
        if (state.controller) state.controller.abort();
        state.seq++; // an answer still on its way is for an earlier search
        state.kind = kind;
        state.url = url;
        state.query = query;
        state.nextPageToken = null;
        state.searchedView = null;
        app.dataset.searchKind = kind;
        app.dataset.searching = 'false';
        if (origin) { map.removeLayer(origin); origin = null; }
        ui.searchArea.classList.add('hidden');
        clearResults();
    }

    function fetchPage(pageToken) {
        if (state.controller) state.controller.abort();
        const controller = new AbortController();
        state.controller = controller;
        const seq = ++state.seq;
        const kind = state.kind;
        const url = new URLSearchParams(state.query);
        url.set('limit', String(kind === 'nearest' ? NEAREST_COUNT : PAGE_SIZE));
        if (pageToken) url.set('pageToken', pageToken);
        app.dataset.searching = 'true';
        ui.more.disabled = true;
        fetch(state.url + '?' + url, {signal: controller.signal, headers: {Accept: 'application/json'}})
            .then((response) => response.ok ? response.json() : problem(response))
            .then((page) => {
                if (seq !== state.seq) return;
                showPage(page, kind);
                setStatus('');
                if (kind === 'nearest' && !pageToken) fitNearest(page.businesses);
                else rememberSearchedView();
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

    /** A problem+json answer as an error that says what was wrong (its first field, or its detail). */
    function problem(response) {
        return response.json().catch(() => ({})).then((body) => {
            const field = body && Array.isArray(body.errors) && body.errors[0];
            const text = field && field.field ? field.field + ' ' + field.message
                : body && body.detail ? body.detail : 'search failed (' + response.status + ')';
            throw new Error(text.endsWith('.') ? text : text + '.');
        });
    }

    function showPage(page, kind) {
        const added = [];
        for (const business of page.businesses) {
            if (state.entries.has(business.id)) continue;
            const entry = addEntry(business);
            added.push(entry.marker);
        }
        markers.addLayers(added);
        state.nextPageToken = page.nextPageToken || null;
        const shown = state.entries.size;
        let text;
        if (kind === 'nearest') {
            const what = describeFilters();
            text = shown === 0 ? 'No ' + what + ' within 50 km of ' + originText()
                : shown === 1 ? 'Nearest ' + what + ': ' + distanceText(page.businesses[0].distance) + ' from '
                    + originText()
                    : 'Nearest ' + what + ': ' + shown + ' found, from ' + originText();
            ui.total.dataset.total = String(shown);
        } else {
            const where = kind === 'area' ? 'in this area' : 'within ' + radiusText();
            text = (page.total === 0 ? 'No businesses ' : page.total + (page.total === 1 ? ' business ' : ' businesses '))
                + where + (shown < page.total ? ' (showing ' + shown + ')' : '');
            ui.total.dataset.total = String(page.total);
        }
        ui.total.textContent = text;
        ui.sheetSummary.textContent = text;
        ui.more.classList.toggle('hidden', !state.nextPageToken);
        showMarkersOrClusters();
    }

    function clearResults() {
        markers.clearLayers();
        state.entries.clear();
        state.active = null;
        ui.results.replaceChildren();
        ui.total.textContent = '';
        ui.more.classList.add('hidden');
    }

    /** Shows the nearest results and where they were measured from, not zooming in closer than a street. */
    function fitNearest(businesses) {
        const points = businesses.map((b) => [b.latitude, b.longitude]);
        if (origin) points.push(origin.getLatLng());
        moveProgrammatically(() => {
            if (points.length > 1) map.fitBounds(L.latLngBounds(points), {padding: [40, 40], maxZoom: 17});
            else if (points.length === 1) map.setView(points[0], Math.max(map.getZoom(), 15));
        });
    }

    // --- list and markers in step -------------------------------------------------------------------------

    function addEntry(business) {
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
        return entry;
    }

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

    /** Opens a result's popup, zooming in to markers first if the map shows clusters. */
    function openEntry(entry) {
        if (ui.panel.dataset.sheet === 'open' && isSheet()) toggleSheet(false); // the map, not the list, over it
        const show = () => markers.zoomToShowLayer(entry.marker, () => {
            entry.marker.openPopup();
            highlight(entry, false);
        });
        if (map.getZoom() < MARKER_ZOOM && state.kind !== 'nearest') {
            moveProgrammatically(() => map.setView(entry.marker.getLatLng(), 16));
            map.once('moveend', show);
        } else {
            show();
        }
    }

    // --- clusters when zoomed out, markers when zoomed in ----------------------------------------------------

    /** Markers of the results from MARKER_ZOOM on (and always for nearest: few, and the point of the search). */
    function showMarkersOrClusters() {
        const zoomedOut = map.getZoom() < MARKER_ZOOM;
        const showMarkers = !zoomedOut || state.kind === 'nearest';
        if (showMarkers && !map.hasLayer(markers)) map.addLayer(markers);
        if (!showMarkers && map.hasLayer(markers)) map.removeLayer(markers);
        if (zoomedOut && !map.hasLayer(serverClusters)) map.addLayer(serverClusters);
        if (!zoomedOut && map.hasLayer(serverClusters)) map.removeLayer(serverClusters);
        if (!zoomedOut && !map.hasLayer(dots)) map.addLayer(dots);
        if (zoomedOut && map.hasLayer(dots)) map.removeLayer(dots);
        app.dataset.mode = zoomedOut ? 'clusters' : 'markers';
        ui.zoomHint.classList.toggle('hidden', !zoomedOut);
    }

    const clustering = {seq: 0, controller: null, timer: null};

    function refreshClusters() {
        clearTimeout(clustering.timer);
        clustering.timer = setTimeout(loadClusters, CLUSTER_DEBOUNCE_MS);
    }

    /** Zoomed out: the clusters of the view. Zoomed in: the dots, as clusters of a grid 8 times finer (8 px). */
    function loadClusters() {
        const zoomedOut = map.getZoom() < MARKER_ZOOM;
        if (clustering.controller) clustering.controller.abort();
        const controller = new AbortController();
        clustering.controller = controller;
        const seq = ++clustering.seq;
        const box = visibleBox();
        const zoom = Math.round(map.getZoom());
        const gridZoom = zoomedOut ? zoom : Math.min(zoom + 3, 20);
        const query = filters();
        for (const edge of ['south', 'west', 'north', 'east']) query.set(edge, box[edge].toFixed(6));
        query.set('zoom', String(gridZoom));
        app.dataset.clustering = 'true';
        fetch(app.dataset.clustersUrl + '?' + query, {signal: controller.signal, headers: {Accept: 'application/json'}})
            .then((response) => response.ok ? response.json() : problem(response))
            .then((result) => {
                if (seq !== clustering.seq) return;
                if (!zoomedOut) {
                    drawDots(result);
                    serverClusters.clearLayers();
                    app.dataset.clusters = '';
                    app.dataset.dots = String(result.total);
                    return;
                }
                drawClusters(result, zoom);
                dots.clearLayers();
                app.dataset.dots = '';
                app.dataset.clusters = result.clusters.length + ':' + result.total;
                app.dataset.clustersZoom = String(zoom);
                if (state.kind === 'overview') {
                    const text = (result.total === 0 ? 'No businesses' : result.total.toLocaleString('en')
                        + (result.total === 1 ? ' business' : ' businesses')) + ' in view'
                        + (result.total > 0 ? ' · zoom in to list them' : '');
                    ui.total.textContent = text;
                    ui.total.dataset.total = String(result.total);
                    ui.sheetSummary.textContent = text;
                }
            })
            .catch((error) => {
                if (error.name !== 'AbortError') setStatus('Clusters could not be loaded. ' + error.message);
            })
            .finally(() => { if (seq === clustering.seq) app.dataset.clustering = 'false'; });
    }

    function drawDots(result) {
        dots.clearLayers();
        const centre = map.getCenter().lng;
        for (const cluster of result.clusters) {
            const lng = nearestCopy(cluster.longitude, centre);
            dots.addLayer(L.circleMarker([cluster.latitude, lng], {renderer: dotRenderer, interactive: false,
                radius: Math.min(7, 3.5 + Math.log2(cluster.count)), stroke: true, weight: 1, color: '#ffffff',
                fillColor: '#52606b', fillOpacity: 0.75}));
        }
    }

    function drawClusters(result, zoom) {
        serverClusters.clearLayers();
        const centre = map.getCenter().lng;
        for (const cluster of result.clusters) {
            const lng = nearestCopy(cluster.longitude, centre);
            const size = Math.round(26 + 6 * Math.log10(cluster.count));
            const label = document.createElement('span');
            label.textContent = compactCount(cluster.count);
            const marker = L.marker([cluster.latitude, lng], {
                icon: L.divIcon({className: 'server-cluster', html: label, iconSize: [size, size]}),
                title: cluster.count + (cluster.count === 1 ? ' business' : ' businesses') + ': zoom in',
                keyboard: true
            });
            marker.on('click', () => map.setView([cluster.latitude, lng], Math.min(zoom + 3, MARKER_ZOOM + 2)));
            serverClusters.addLayer(marker);
        }
    }

    // --- "Search this area" once the map has moved -----------------------------------------------------------

    let programmatic = 0;
    function moveProgrammatically(move) {
        programmatic++;
        map.once('moveend', () => setTimeout(() => { programmatic = Math.max(0, programmatic - 1); rememberSearchedView(); }));
        move();
    }

    function rememberSearchedView() {
        state.searchedView = {center: map.getCenter(), zoom: map.getZoom()};
        ui.searchArea.classList.add('hidden');
    }

    /** Offers "Search this area" when the view moved off what the list shows by a quarter of the map or a zoom. */
    function offerAreaSearch() {
        const seen = state.searchedView;
        if (!seen || programmatic > 0) return;
        const size = map.getSize();
        const moved = map.latLngToContainerPoint(seen.center).distanceTo(size.divideBy(2));
        const changed = seen.zoom !== map.getZoom() || moved > Math.min(size.x, size.y) / 4;
        if (!changed) {
            ui.searchArea.classList.add('hidden');
            return;
        }
        const searchable = visibleBox().searchable;
        ui.searchArea.classList.remove('hidden');
        ui.searchArea.disabled = !searchable;
        ui.searchArea.textContent = searchable ? 'Search this area' : 'Zoom in to search this area';
    }

    /** The visible box as the API takes it: longitudes in [-180, 180] (west > east across ±180). */
    function visibleBox() {
        const bounds = map.getBounds();
        const south = Math.max(-90, bounds.getSouth());
        const north = Math.min(90, bounds.getNorth());
        let west = bounds.getWest();
        let east = bounds.getEast();
        if (east - west >= 360) {
            west = -180;
            east = 180;
        } else {
            west = wrapLongitude(west);
            east = wrapLongitude(east);
            if (east === -180) east = 180;
        }
        const diagonal = map.distance(bounds.getSouthWest(), bounds.getNorthEast());
        const spansWorld = bounds.getEast() - bounds.getWest() >= 180;
        return {south: south, west: west, north: north, east: east,
            searchable: !spansWorld && diagonal <= MAX_AREA_DIAGONAL_METERS};
    }

    // --- the view in the URL fragment ------------------------------------------------------------------------

    function readView() {
        const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
        // links of the form /?latitude=&longitude=&zoom=&radius=&index= still open the map there
        const legacy = new URLSearchParams(window.location.search);
        const get = (name) => hash.has(name) ? hash.get(name) : legacy.get(name);
        const search = get('search');
        return {
            latitude: clampNumber(get('latitude'), -85, 85, Number(app.dataset.centerLatitude)),
            longitude: clampNumber(get('longitude'), -180, 180, Number(app.dataset.centerLongitude)),
            zoom: clampNumber(get('zoom'), 1, 19, 14),
            q: (get('q') || '').slice(0, 100),
            category: get('category') || '',
            openNow: get('openNow') === 'true',
            cells: get('cells') === '1',
            radius: get('radius') || '2000',
            index: get('index') || 's2',
            search: KINDS.includes(search) ? search : 'nearby',
            from: parseOrigin(get('from'))
        };
    }

    /** A nearest search's starting point from the fragment ("lat,lng"), or null. */
    function parseOrigin(text) {
        const parts = (text || '').split(',').map(Number);
        if (parts.length !== 2 || !parts.every(Number.isFinite) || Math.abs(parts[0]) > 90
            || Math.abs(parts[1]) > 180) return null;
        return {latlng: L.latLng(parts[0], parts[1]), isLocation: false};
    }

    /** Sets the search box and the filters to a view read from the URL. */
    function showControlsOf(view) {
        ui.q.value = view.q;
        selectValue(ui.category, view.category);
        selectValue(ui.radius, view.radius);
        selectValue(ui.index, view.index);
        ui.openNow.checked = view.openNow;
        ui.showCells.checked = view.cells;
    }

    let writtenHash = '';
    function writeView() {
        const centre = map.getCenter().wrap();
        const fragment = new URLSearchParams({
            latitude: centre.lat.toFixed(5), longitude: centre.lng.toFixed(5), zoom: String(map.getZoom())
        });
        for (const [name, value] of filters()) fragment.set(name, value);
        if (ui.radius.value !== '2000') fragment.set('radius', ui.radius.value);
        if (ui.index.value !== 's2') fragment.set('index', ui.index.value);
        if (ui.showCells.checked) fragment.set('cells', '1');
        if (state.kind === 'area' || state.kind === 'nearest') fragment.set('search', state.kind);
        // a nearest search's start, unless it is the visitor's own location: a shared link must not carry it
        const from = state.nearestFrom;
        if (state.kind === 'nearest' && from && !from.isLocation) {
            fragment.set('from', from.latlng.lat.toFixed(5) + ',' + from.latlng.lng.toFixed(5));
        }
        writtenHash = '#' + fragment;
        // the fragment only: the page's query (an old-style link) would otherwise outlive the first move
        history.replaceState(null, '', window.location.pathname + writtenHash);
    }

    window.addEventListener('hashchange', () => {
        if (window.location.hash === writtenHash) return;
        const next = readView(); // a link pasted into the same tab: go there
        showControlsOf(next);
        state.kind = next.search;
        state.nearestFrom = next.from;
        moveProgrammatically(() => map.setView([next.latitude, next.longitude], next.zoom));
        map.once('moveend', () => setTimeout(searchAgain));
    });

    // --- circle, box, cells, basemap, tiles -----------------------------------------------------------------

    function drawShape(layer) {
        if (shape) map.removeLayer(shape);
        shape = layer;
        if (shape) {
            shape.setStyle({color: '#0b6bcb', weight: 2, fillOpacity: 0.04, interactive: false});
            shape.addTo(map);
        }
    }

    function drawCells(query) {
        clearCells();
        if (!ui.showCells.checked || state.kind !== 'nearby') return;
        fetch(app.dataset.cellsUrl + '?' + cellsQuery(query), {headers: {Accept: 'application/json'}})
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

    function clearCells() {
        cellLayer.clearLayers();
        app.dataset.cells = '';
    }

    /** The cells call takes the circle and the index only. */
    function cellsQuery(query) {
        const cells = new URLSearchParams();
        for (const name of ['latitude', 'longitude', 'radius', 'index']) cells.set(name, query.get(name));
        return cells;
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
            located = L.latLng(position.coords.latitude, position.coords.longitude);
            if (youAreHere) youAreHere.setLatLng(located);
            else youAreHere = L.marker(located, {icon: L.divIcon({className: 'you-are-here', iconSize: [14, 14]}),
                interactive: false}).addTo(map);
            ui.nearestOrigin.textContent = 'your location';
            state.nearestFrom = null;
            setStatus('');
            moveProgrammatically(() => map.setView(located, Math.max(map.getZoom(), 14)));
            map.once('moveend', () => setTimeout(searchNearby));
        }, () => setStatus('Your location was not shared; the map stays where it is.'),
        {enableHighAccuracy: false, timeout: 15000, maximumAge: 60000});
    });

    // --- wiring -------------------------------------------------------------------------------------------

    map.on('moveend', () => {
        showMarkersOrClusters();
        refreshClusters();
        if (state.kind === 'overview' && map.getZoom() >= MARKER_ZOOM) leaveOverview();
        else offerAreaSearch();
        writeView();
    });
    ui.form.addEventListener('submit', (event) => {
        event.preventDefault();
        searchAgain();
    });
    ui.q.addEventListener('input', updateNearestQuery);
    ui.category.addEventListener('change', searchAgain);
    ui.openNow.addEventListener('change', searchAgain);
    ui.radius.addEventListener('change', searchNearby);
    ui.index.addEventListener('change', searchAgain);
    ui.showCells.addEventListener('change', () => {
        drawCells(state.query);
        writeView();
    });
    ui.more.addEventListener('click', () => {
        if (state.nextPageToken) fetchPage(state.nextPageToken);
    });
    ui.searchArea.addEventListener('click', searchArea);
    ui.nearestMenu.addEventListener('toggle', updateNearestQuery);
    for (const choice of document.querySelectorAll('.nearest-choice')) {
        choice.addEventListener('click', () => {
            ui.nearestMenu.open = false;
            searchNearest(nearestOrigin(), choice.dataset.category || null, ui.nearestOpen.checked);
            ui.total.focus({preventScroll: true});
        });
    }
    document.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && ui.nearestMenu.open) {
            ui.nearestMenu.open = false;
            ui.nearestMenu.querySelector('summary').focus();
        }
    });
    ui.sheetToggle.addEventListener('click', () => toggleSheet(ui.panel.dataset.sheet !== 'open'));

    function toggleSheet(open) {
        ui.panel.dataset.sheet = open ? 'open' : 'collapsed';
        ui.sheetToggle.setAttribute('aria-expanded', String(open));
    }

    /** True where the panel is a bottom sheet (a phone): its toggle is shown. */
    function isSheet() {
        return ui.sheetToggle.offsetParent !== null;
    }

    function updateNearestQuery() {
        const q = ui.q.value.trim();
        ui.nearestQuery.classList.toggle('hidden', !q);
        ui.nearestQuery.textContent = 'Nearest “' + q + '”';
    }

    updateNearestQuery();
    showMarkersOrClusters();
    searchAgain();

    // --- helpers ------------------------------------------------------------------------------------------

    function describeFilters() {
        const words = [];
        if (ui.openNow.checked) words.push('open');
        const q = ui.q.value.trim();
        if (q) words.push('“' + q + '”');
        words.push(ui.category.value ? categoryText(ui.category.value) : (q ? 'match' : 'business'));
        return words.join(' ');
    }

    function originText() {
        return located ? 'your location' : 'the map centre';
    }

    function selectValue(select, value) {
        for (const option of select.options) if (option.value === value) select.value = value;
    }

    function clampNumber(text, min, max, fallback) {
        const value = text === null || text === '' ? NaN : Number(text);
        return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
    }

    /** The longitude's copy nearest the view's centre, so points across the antimeridian sit beside the rest. */
    function nearestCopy(lng, centre) {
        return lng + 360 * Math.round((centre - lng) / 360);
    }

    function wrapLongitude(lng) {
        return lng - 360 * Math.floor((lng + 180) / 360);
    }

    function categoryText(category) {
        return category.replace(/_/g, ' ');
    }

    function distanceText(meters) {
        return meters < 1000 ? Math.round(meters) + ' m' : (meters / 1000).toFixed(meters < 10000 ? 2 : 1) + ' km';
    }

    function compactCount(count) {
        return count < 1000 ? String(count) : count < 1e6 ? (count / 1000).toFixed(count < 1e4 ? 1 : 0) + 'k'
            : (count / 1e6).toFixed(1) + 'M';
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
