package dev.proximity.geo.s2;

import dev.proximity.geo.CandidateVisitor;
import dev.proximity.geo.KeySort;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.PointColumns;
import dev.proximity.geo.PointIndex;
import dev.proximity.geo.SortedKeys;

/**
 * An immutable in-memory S2 index: points sorted by their leaf cell id in <em>signed</em> order (the order of the
 * {@code s2_cell bigint} column), ids in one {@code long[]} and points in {@link PointColumns} alongside. A query
 * covers the cap with {@link S2Covering} and binary-searches each covering cell's {@link S2CellRange}; ranges never
 * straddle the sign boundary, so signed search is exact. Antimeridian and poles need no special cases on the
 * sphere. Memory: 8 bytes of key plus {@link PointColumns#BYTES_PER_POINT} per point (56 bytes), plus a fixed
 * 1 MiB directory.
 *
 * <p>Immutable after {@link #build}: safe for any number of concurrent readers; changes are made by building a
 * new index and swapping the reference.
 *
 * <pre>{@code
 * S2Index index = S2Index.build(ids, lats, lngs);
 * NeighborQueryResult hits = index.nearest(LatLng.ofDegrees(-90, 0), 10_000, 50);
 * }</pre>
 */
public final class S2Index implements PointIndex {

    /**
     * Bits of the leaf-id prefix in the directory of {@link SortedKeys}: 18 bits are the face plus level-7 cells
     * (about 70 km), so a range search starts inside one small bucket instead of bisecting the whole array.
     */
    static final int DIRECTORY_BITS = 18;

    private final SortedKeys leafIds;
    private final PointColumns points;
    private final S2Covering covering;

    private S2Index(long[] sortedLeafIds, PointColumns points, S2Covering covering) {
        this.leafIds = new SortedKeys(sortedLeafIds, Long.MIN_VALUE, 64, DIRECTORY_BITS);
        this.points = points;
        this.covering = covering;
    }

    /** Builds an index with {@link S2Covering#withDefaults()}; the arrays are copied, not retained. */
    public static S2Index build(long[] ids, double[] latDegrees, double[] lngDegrees) {
        return build(ids, latDegrees, lngDegrees, S2Covering.withDefaults());
    }

    /** Builds an index that covers queries with {@code covering}; the arrays are copied, not retained. */
    public static S2Index build(long[] ids, double[] latDegrees, double[] lngDegrees, S2Covering covering) {
        int n = ids.length;
        if (latDegrees.length != n || lngDegrees.length != n) {
            throw new IllegalArgumentException("ids, latitudes and longitudes differ in length");
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            if (!LatLng.isValid(latDegrees[i], lngDegrees[i])) {
                throw new IllegalArgumentException("point " + ids[i] + " has invalid coordinates");
            }
            keys[i] = S2Covering.leafCellId(latDegrees[i], lngDegrees[i]);
        }
        int[] order = KeySort.sortWithOrder(keys);
        return new S2Index(keys, PointColumns.gather(ids, latDegrees, lngDegrees, order, 0, n), covering);
    }

    @Override
    public int size() {
        return leafIds.size();
    }

    @Override
    public void visitCandidates(LatLng center, double radiusMeters, CandidateVisitor visitor) {
        long[] ranges = covering.levelAndLeafRanges(center, radiusMeters);
        for (int k = 1; k < ranges.length; k += 2) {
            int from = leafIds.lowerBound(ranges[k]);
            int to = leafIds.firstAbove(ranges[k + 1]); // face 3's last leaf is Long.MAX_VALUE
            if (to > from) {
                visitor.visit(points, from, to);
            }
        }
    }

    /** The covering this index uses per query. */
    public S2Covering covering() {
        return covering;
    }

    @Override
    public long heapBytes() {
        return leafIds.heapBytes() + points.heapBytes() + 32;
    }
}
