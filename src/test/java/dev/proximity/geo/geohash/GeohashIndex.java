package dev.proximity.geo.geohash;

import dev.proximity.geo.CandidateVisitor;
import dev.proximity.geo.KeySort;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.PointColumns;
import dev.proximity.geo.PointIndex;
import dev.proximity.geo.SortedKeys;

/**
 * An immutable in-memory geohash index: points sorted by their 60-bit geohash key, with the keys in one
 * {@code long[]} and the points in {@link PointColumns} in the same order. Because a geohash cell is a key prefix,
 * every covering cell is one contiguous key range, found by binary search inside one bucket of a prefix directory
 * ({@link SortedKeys}); adjacent covering cells that are consecutive in key order are merged into one range.
 *
 * <p>The covering is {@link GeohashCovering#adaptiveBits} with {@link GeohashCovering#DEFAULT_MAX_CELLS} unless
 * given, so precision adapts to radius and latitude. Antimeridian and poles are handled by the covering (see
 * there). Memory: 8 bytes of key plus {@link PointColumns#BYTES_PER_POINT} per point (56 bytes), plus a
 * fixed 1 MiB directory.
 *
 * <p>Immutable after {@link #build}: safe for any number of concurrent readers. Changes are made by building a
 * new index and swapping the reference (the search feature rebuilds from its change feed).
 *
 * <pre>{@code
 * GeohashIndex index = GeohashIndex.build(ids, lats, lngs);
 * NeighborQueryResult hits = index.nearest(LatLng.ofDegrees(0, 179.999), 5_000, 50);
 * }</pre>
 */
public final class GeohashIndex implements PointIndex {

    /**
     * Bits of the key prefix in the directory of {@link SortedKeys}: 18 bits are cells of about 0.7 by 0.35
     * degrees, so a search starts inside one small bucket instead of bisecting the whole array.
     */
    static final int DIRECTORY_BITS = 18;

    private final SortedKeys keys;
    private final PointColumns points;
    private final GeohashCovering covering;

    private GeohashIndex(long[] sortedKeys, PointColumns points, GeohashCovering covering) {
        this.keys = new SortedKeys(sortedKeys, 0, Geohash.MAX_BITS, DIRECTORY_BITS);
        this.points = points;
        this.covering = covering;
    }

    /** Builds an index with the default adaptive covering; the arrays are copied, not retained. */
    public static GeohashIndex build(long[] ids, double[] latDegrees, double[] lngDegrees) {
        return build(ids, latDegrees, lngDegrees, GeohashCovering.adaptiveBits(GeohashCovering.DEFAULT_MAX_CELLS));
    }

    /** Builds an index that covers queries with {@code covering}; the arrays are copied, not retained. */
    public static GeohashIndex build(long[] ids, double[] latDegrees, double[] lngDegrees,
            GeohashCovering covering) {
        int n = ids.length;
        if (latDegrees.length != n || lngDegrees.length != n) {
            throw new IllegalArgumentException("ids, latitudes and longitudes differ in length");
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = Geohash.encodeBits(latDegrees[i], lngDegrees[i], Geohash.MAX_BITS);
        }
        int[] order = KeySort.sortWithOrder(keys);
        return new GeohashIndex(keys, PointColumns.gather(ids, latDegrees, lngDegrees, order, 0, n), covering);
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public void visitCandidates(LatLng center, double radiusMeters, CandidateVisitor visitor) {
        GeohashCover cover = covering.cover(center, radiusMeters);
        long[] cells = cover.cells();
        int shift = Geohash.MAX_BITS - cover.bitCount();
        int i = 0;
        while (i < cells.length) {
            long first = cells[i];
            long last = first;
            while (i + 1 < cells.length && cells[i + 1] == last + 1) {
                last = cells[++i];
            }
            i++;
            int from = keys.lowerBound(first << shift);
            int to = keys.lowerBound((last + 1) << shift);
            if (to > from) {
                visitor.visit(points, from, to);
            }
        }
    }

    /** The covering this index uses per query. */
    public GeohashCovering covering() {
        return covering;
    }

    @Override
    public long heapBytes() {
        return keys.heapBytes() + points.heapBytes() + 32;
    }
}
