package dev.proximity.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.ExactCircle;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.LatLngBox;
import dev.proximity.geo.PointColumns;
import org.springframework.stereotype.Service;

/**
 * Answers nearby, nearest and area searches on one {@link Snapshot} of this instance's state: candidates from the
 * chosen index (quadtree: the snapshot's tree; geohash and S2: the covering's cells from {@link CellLayers}, each
 * exact as of the same snapshot), an exact test of the circle or box, the query's {@link SearchFilter}, (distance,
 * id) order, and keyset paging after the token's cursor. Every index offers the same businesses with the same
 * distances, so every index gives the same answer.
 */
@Service
class SearchService {

    /** A nearest search's first circle; later ones grow with the density seen so far (see {@link #nearest}). */
    static final double NEAREST_FIRST_RADIUS_METERS = 500;

    private final SearchState state;
    private final CellLayers cells;
    private final PageTokens tokens;
    private final Clock clock;
    private final SearchMetrics metrics;

    SearchService(SearchState state, CellLayers cells, PageTokens tokens, Clock clock, SearchMetrics metrics) {
        this.state = state;
        this.cells = cells;
        this.tokens = tokens;
        this.clock = clock;
        this.metrics = metrics;
    }

    NearbyResult nearby(NearbyQuery query) {
        return paged(SearchMetrics.Call.NEARBY, query, query.filters(), query.index(), query.limit(),
                (snapshot, matches) -> collectCircle(snapshot, query.index(), query.center(), query.radiusMeters(),
                        matches));
    }

    /** The businesses in the box, by distance from its centre, paged like nearby. */
    NearbyResult area(AreaQuery query) {
        return paged(SearchMetrics.Call.AREA, query, query.filters(), query.index(), query.limit(),
                (snapshot, matches) -> collectBox(snapshot, query.index(), query.box(), matches));
    }

    /** Offers a query's candidates, each with its distance, from one snapshot. */
    private interface Collector {
        void collect(Snapshot snapshot, Matches matches);
    }

    /** One page of a paged call: the matches after the token's cursor, in (distance, id) order. */
    private NearbyResult paged(SearchMetrics.Call call, PagedQuery query, QueryFilters filters, IndexType index,
            int limit, Collector collector) {
        long started = System.nanoTime();
        Snapshot snapshot = state.current();
        PageCursor after = query.pageToken() == null ? null : tokens.parse(query, query.pageToken());
        SearchFilter filter = filter(filters, snapshot);
        NearbyResult result;
        if (filter == null) {
            result = new NearbyResult(0, List.of(), null);
        } else {
            Matches matches = new Matches(after, limit, filter);
            collector.collect(snapshot, matches);
            result = page(snapshot, query, matches);
        }
        metrics.record(call, index, System.nanoTime() - started, result.total());
        return result;
    }

    /**
     * The {@code limit} nearest matches within the maximum distance: circle searches of growing radius until one
     * holds {@code limit} matches (then nothing outside it can be nearer than they are) or reaches the maximum.
     * After a circle with {@code n < limit} matches the next radius is chosen so that, at the density seen, it
     * would hold about twice the missing matches, and at least doubles, so a search takes a few circles.
     */
    NearestResult nearest(NearestQuery query) {
        long started = System.nanoTime();
        Snapshot snapshot = state.current();
        SearchFilter filter = filter(query.filters(), snapshot);
        if (filter == null) {
            return new NearestResult(List.of());
        }
        double radius = Math.min(NEAREST_FIRST_RADIUS_METERS, query.maxDistanceMeters());
        Matches matches;
        while (true) {
            matches = new Matches(null, query.limit(), filter);
            collectCircle(snapshot, query.index(), query.center(), radius, matches);
            if (matches.total() >= query.limit() || radius >= query.maxDistanceMeters()) {
                break;
            }
            double growth = matches.total() == 0 ? 4.0
                    : Math.sqrt(2.0 * query.limit() / (double) matches.total());
            radius = Math.min(query.maxDistanceMeters(), radius * Math.max(2.0, Math.min(growth, 16.0)));
        }
        List<NearbyResult.Item> items = items(snapshot, matches.page());
        metrics.record(SearchMetrics.Call.NEAREST, query.index(), System.nanoTime() - started, items.size());
        return new NearestResult(items);
    }

    /** The query's filter on this snapshot, or null when it can match nothing (no category it names exists). */
    private SearchFilter filter(QueryFilters filters, Snapshot snapshot) {
        int[] categoryCodes = state.categoryCodes(filters.categories());
        if (categoryCodes != null && categoryCodes.length == 0) {
            return null;
        }
        return new SearchFilter(categoryCodes, state.schedules(), filters.openNow() ? clock.instant() : null,
                filters.keywords(), state.categories(), snapshot);
    }

    private NearbyResult page(Snapshot snapshot, PagedQuery query, Matches matches) {
        List<Matches.Hit> page = matches.page();
        String next = null;
        if (matches.hasMore()) {
            Matches.Hit last = page.get(page.size() - 1);
            next = tokens.issue(query, new PageCursor(last.distanceMeters(), last.id()));
        }
        return new NearbyResult(matches.total(), items(snapshot, page), next);
    }

    private List<NearbyResult.Item> items(Snapshot snapshot, List<Matches.Hit> page) {
        List<NearbyResult.Item> items = new ArrayList<>(page.size());
        for (Matches.Hit hit : page) {
            long handle = hit.handle() == Long.MIN_VALUE ? snapshot.handleOf(hit.id()) : hit.handle();
            items.add(item(snapshot.resolve(handle), hit.distanceMeters()));
        }
        return items;
    }

    private void collectCircle(Snapshot snapshot, IndexType index, LatLng center, double radiusMeters,
            Matches matches) {
        if (index == IndexType.QUADTREE) {
            snapshot.collectFromQuadtree(center, radiusMeters, matches);
            return;
        }
        ExactCircle circle = new ExactCircle(center, radiusMeters);
        for (CellLayers.CellEntry entry : cells.entries(index, cells.keys().cover(index, center, radiusMeters),
                snapshot)) {
            // handles hold for snapshots on the base table the entry was made with (see CellEntry)
            long[] handles = entry.table() == snapshot.table ? entry.handles() : null;
            double[] latitudes = entry.latitudes();
            double[] longitudes = entry.longitudes();
            for (int k = 0; k < latitudes.length; k++) {
                double distance = circle.distanceMetersIfInside(latitudes[k], longitudes[k]);
                if (distance >= 0) {
                    offer(matches, entry, handles, k, distance);
                }
            }
        }
    }

    /**
     * Offers every business in the box with its distance from the box's centre (the haversine formula, as the
     * oracle computes it): quadtree leaves under each non-wrapping part of the box, or the covering's cells.
     */
    private void collectBox(Snapshot snapshot, IndexType index, LatLngBox box, Matches matches) {
        LatLng center = box.center();
        double cosCenterLat = Haversine.cosLatitude(center.latDegrees());
        if (index == IndexType.QUADTREE) {
            for (BoundingBox part : box.storedParts()) {
                snapshot.quadtree.visitRectangle(part.minLatDegrees(), part.maxLatDegrees(), part.minLngDegrees(),
                        part.maxLngDegrees(), (PointColumns points, int from, int to) -> {
                            for (int i = from; i < to; i++) {
                                double lat = points.latDegrees(i);
                                double lng = points.lngDegrees(i);
                                if (part.contains(lat, lng)) {
                                    snapshot.offer(matches, points.id(i), distance(center, cosCenterLat, lat, lng));
                                }
                            }
                        });
            }
            return;
        }
        for (CellLayers.CellEntry entry : cells.entries(index, cells.keys().cover(index, box), snapshot)) {
            long[] handles = entry.table() == snapshot.table ? entry.handles() : null;
            double[] latitudes = entry.latitudes();
            double[] longitudes = entry.longitudes();
            for (int k = 0; k < latitudes.length; k++) {
                if (box.contains(latitudes[k], longitudes[k])) {
                    offer(matches, entry, handles, k, distance(center, cosCenterLat, latitudes[k], longitudes[k]));
                }
            }
        }
    }

    /** A point's distance from the box's centre, bit for bit as {@link Haversine#distanceMeters} gives it. */
    private static double distance(LatLng center, double cosCenterLat, double lat, double lng) {
        return Haversine.distanceMeters(center.latDegrees(), center.lngDegrees(), cosCenterLat, lat, lng);
    }

    private static void offer(Matches matches, CellLayers.CellEntry entry, long[] handles, int k, double distance) {
        matches.offer(distance, entry.ids()[k], handles == null ? Long.MIN_VALUE : handles[k],
                entry.categories()[k], entry.schedules()[k], entry.signatures()[k]);
    }

    private NearbyResult.Item item(BusinessRow row, double distanceMeters) {
        Locality locality = row.localityCode() < 0 ? null : state.localities().decode(row.localityCode());
        return new NearbyResult.Item(Long.toString(row.id()), row.name(), state.categories().decode(row.categoryCode()),
                row.latitude(), row.longitude(), distanceMeters, row.address(),
                locality == null ? null : locality.city(), locality == null ? null : locality.country());
    }
}
