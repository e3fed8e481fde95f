package dev.proximity.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Answers a nearby search from this instance's memory: candidates from the chosen index, exact haversine
 * distance, category and open-now filters, (distance, id) order, keyset paging after the token's cursor.
 */
@Service
class NearbySearchService {

    private final SearchState state;
    private final PageTokens tokens;
    private final Clock clock;
    private final SearchMetrics metrics;

    NearbySearchService(SearchState state, PageTokens tokens, Clock clock, SearchMetrics metrics) {
        this.state = state;
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
        Generation generation = state.current();
        Matches matches = new Matches(after, query.limit(), categoryCodes, state.schedules(),
                query.openNow() ? clock.instant() : null);
        generation.index(query.index()).collect(query.center(), query.radiusMeters(), matches);
        List<Matches.Hit> page = matches.page();
        List<NearbyResult.Item> items = new ArrayList<>(page.size());
        for (Matches.Hit hit : page) {
            items.add(item(generation.resolve(hit.handle()), hit.distanceMeters()));
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
