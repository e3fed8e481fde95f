package dev.proximity.geo;

/**
 * An in-memory spatial index of points (business id, latitude, longitude) answering circle queries.
 *
 * <p>The contract has one essential method, {@link #visitCandidates}: it must offer <em>every</em> point whose
 * {@link Haversine} distance from the centre is at most {@code radiusMeters} (no misses, including across the
 * antimeridian and at the poles), each at most once, and should offer few others. Exactness comes afterwards:
 * {@link #nearest} filters the candidates by exact distance and keeps the closest {@code limit} by
 * (distance, id). Implementations: {@code Quadtree}; the tests also hold {@code GeohashIndex} and
 * {@code S2Index}, which check and benchmark the geohash and S2 coverings the same way.
 *
 * <p>Radius range: [0, {@link BoundingBox#MAX_RADIUS_METERS}]; the project uses 1 m to 50 km. Implementations
 * document their own thread-safety; all of them allow concurrent queries.
 *
 * <pre>{@code
 * PointIndex index = Quadtree.build(ids, lats, lngs);
 * NeighborQueryResult hits = index.nearest(LatLng.ofDegrees(47.37, 8.54), 2_000, 50);
 * }</pre>
 */
public interface PointIndex {

    /** Number of indexed points. */
    int size();

    /** Offers every point within {@code radiusMeters} of {@code center} (and possibly some others) to the visitor. */
    void visitCandidates(LatLng center, double radiusMeters, CandidateVisitor visitor);

    /** Estimated heap retained by this index in bytes, counted from its arrays and nodes. */
    long heapBytes();

    /**
     * Returns up to {@code limit} points within {@code radiusMeters} of {@code center}, closest first, ties by id.
     *
     * @param limit maximum number of neighbours to return, {@code >= 0}
     */
    default NeighborQueryResult nearest(LatLng center, double radiusMeters, int limit) {
        return NeighborSearch.nearest(this, center, radiusMeters, limit);
    }

    /** Returns the ids of all candidates for the circle, in index order (for tests and cache fills). */
    default long[] candidateIds(LatLng center, double radiusMeters) {
        LongBuffer out = new LongBuffer();
        visitCandidates(center, radiusMeters, (points, from, to) -> {
            for (int row = from; row < to; row++) {
                out.add(points.id(row));
            }
        });
        return out.toArray();
    }
}
