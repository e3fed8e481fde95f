package dev.proximity.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.proximity.geo.ExactCircle;
import org.springframework.stereotype.Service;

/**
 * Answers a nearby search on one {@link Snapshot} of this instance's state: candidates from the chosen index
 * (quadtree: the snapshot's tree; geohash and S2: the covering's cells from {@link CellLayers}, each exact as of
 * the same snapshot), exact haversine distance, category and open-now filters, (distance, id) order, keyset
 * paging after the token's cursor.
 */
@Service
class NearbySearchService {

    private final SearchState state;
    private final CellLayers cells;
    private final PageTokens tokens;
    private final Clock clock;
    private final SearchMetrics metrics;

    NearbySearchService(SearchState state, CellLayers cells, PageTokens tokens, Clock clock, SearchMetrics metrics) {
        this.state = state;
        this.cells = cells;
        this.tokens = tokens;
        this.clock = clock;
        this.metrics = metrics;
    }

    NearbyResult search(NearbyQuery query) {
        long started = System.nanoTime();
        NearbyResult result = answer(query);
        metrics.record(query.index(), System.nanoTime() - started, result.total());
        return result;
    }

    private NearbyResult answer(NearbyQuery query) {
        PageCursor after = query.pageToken() == null ? null : tokens.parse(query, query.pageToken());
        int[] categoryCodes = null;
        if (!query.categories().isEmpty()) {
            categoryCodes = query.categories().stream().mapToInt(state.categories()::codeOf).filter(c -> c >= 0)
                    .sorted().toArray();
            if (categoryCodes.length == 0) {
                return new NearbyResult(0, List.of(), null);
            }
        }
        Matches matches = new Matches(after, query.limit(), categoryCodes, state.schedules(),
                query.openNow() ? clock.instant() : null);
        Snapshot snapshot = state.current();
        if (query.index() == IndexType.QUADTREE) {
            snapshot.collectFromQuadtree(query.center(), query.radiusMeters(), matches);
        } else {
            collectFromCells(snapshot, query, matches);
        }
        List<Matches.Hit> page = matches.page();
        List<NearbyResult.Item> items = new ArrayList<>(page.size());
        for (Matches.Hit hit : page) {
            long handle = hit.handle() == Long.MIN_VALUE ? snapshot.handleOf(hit.id()) : hit.handle();
            items.add(item(snapshot.resolve(handle), hit.distanceMeters()));
        }
        String next = null;
        if (matches.hasMore()) {
            Matches.Hit last = page.get(page.size() - 1);
            next = tokens.issue(query, new PageCursor(last.distanceMeters(), last.id()));
        }
        return new NearbyResult(matches.total(), items, next);
    }

    /** Candidates from the covering cells; a page entry without a handle is resolved from its id. */
    private void collectFromCells(Snapshot snapshot, NearbyQuery query, Matches matches) {
        CellLayers.CellEntry[] entries = cells.entries(query.index(),
                cells.keys().cover(query.index(), query.center(), query.radiusMeters()), snapshot);
        ExactCircle circle = new ExactCircle(query.center(), query.radiusMeters());
        for (CellLayers.CellEntry entry : entries) {
            long[] ids = entry.ids();
            double[] latitudes = entry.latitudes();
            double[] longitudes = entry.longitudes();
            // handles hold for snapshots on the base table the entry was made with (see CellEntry)
            long[] handles = entry.table() == snapshot.table ? entry.handles() : null;
            for (int k = 0; k < ids.length; k++) {
                double distance = circle.distanceMetersIfInside(latitudes[k], longitudes[k]);
                if (distance >= 0) {
                    matches.offer(distance, ids[k], handles == null ? Long.MIN_VALUE : handles[k],
                            entry.categories()[k], entry.schedules()[k]);
                }
            }
        }
    }

    private NearbyResult.Item item(BusinessRow row, double distanceMeters) {
        Locality locality = row.localityCode() < 0 ? null : state.localities().decode(row.localityCode());
        return new NearbyResult.Item(Long.toString(row.id()), row.name(), state.categories().decode(row.categoryCode()),
                row.latitude(), row.longitude(), distanceMeters, row.address(),
                locality == null ? null : locality.city(), locality == null ? null : locality.country());
    }
}
