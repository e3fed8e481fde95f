package dev.proximity.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.proximity.geo.ExactCircle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Answers a nearby search: candidates from the chosen index (quadtree: this instance's memory; geohash and S2:
 * the cells of the {@link CellCache}, or this instance's memory when the cell cache is off), exact haversine
 * distance, category and open-now filters, (distance, id) order, keyset paging after the token's cursor.
 */
@Service
class NearbySearchService {

    private final SearchState state;
    private final PageTokens tokens;
    private final Clock clock;
    private final SearchMetrics metrics;
    private final CellCache cells;

    NearbySearchService(SearchState state, PageTokens tokens, Clock clock, SearchMetrics metrics,
            ObjectProvider<CellCache> cells) {
        this.state = state;
        this.tokens = tokens;
        this.clock = clock;
        this.metrics = metrics;
        this.cells = cells.getIfAvailable();
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
        List<Matches.Hit> page;
        List<NearbyResult.Item> items;
        if (cells != null && query.index() != IndexType.QUADTREE) {
            CellCache.CellEntry[] entries = cells.entries(
                    cells.keys().cover(query.index(), query.center(), query.radiusMeters()));
            ExactCircle circle = new ExactCircle(query.center(), query.radiusMeters());
            boolean filters = matches.filters();
            for (int c = 0; c < entries.length; c++) {
                CellCache.CellEntry entry = entries[c];
                for (int k = 0, n = entry.size(); k < n; k++) {
                    double distance = circle.distanceMetersIfInside(entry.latitude(k), entry.longitude(k));
                    if (distance >= 0) {
                        // the row object is read only when a filter needs its codes: it is a cache miss
                        BusinessRow row = filters ? entry.row(k) : null;
                        matches.offer(distance, entry.id(k), ((long) c << 32) | k,
                                row == null ? 0 : row.categoryCode(), row == null ? 0 : row.scheduleCode());
                    }
                }
            }
            page = matches.page();
            items = new ArrayList<>(page.size());
            for (Matches.Hit hit : page) {
                BusinessRow row = entries[(int) (hit.handle() >>> 32)].row((int) hit.handle());
                items.add(item(row, hit.distanceMeters()));
            }
        } else {
            Generation generation = state.current();
            generation.index(query.index()).collect(query.center(), query.radiusMeters(), matches);
            page = matches.page();
            items = new ArrayList<>(page.size());
            for (Matches.Hit hit : page) {
                items.add(item(generation.resolve(hit.handle()), hit.distanceMeters()));
            }
        }
        String next = null;
        if (matches.hasMore()) {
            Matches.Hit last = page.get(page.size() - 1);
            next = tokens.issue(query, new PageCursor(last.distanceMeters(), last.id()));
        }
        return new NearbyResult(matches.total(), items, next);
    }

    private NearbyResult.Item item(BusinessRow row, double distanceMeters) {
        Locality locality = row.localityCode() < 0 ? null : state.localities().decode(row.localityCode());
        return new NearbyResult.Item(Long.toString(row.id()), row.name(), state.categories().decode(row.categoryCode()),
                row.latitude(), row.longitude(), distanceMeters, row.address(),
                locality == null ? null : locality.city(), locality == null ? null : locality.country());
    }

}
