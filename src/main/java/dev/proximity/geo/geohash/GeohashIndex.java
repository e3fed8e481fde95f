package dev.proximity.geo.geohash;

import dev.proximity.geo.CandidateVisitor;
import dev.proximity.geo.KeySort;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.PointColumns;
import dev.proximity.geo.PointIndex;

/**
 * An immutable in-memory geohash index: points sorted by their 60-bit geohash key, with the keys in one
 * {@code long[]} and the points in {@link PointColumns} in the same order. Because a geohash cell is a key prefix,
 * every covering cell is one contiguous key range, found by binary search; adjacent covering cells that are
 * consecutive in key order are merged into one range, and each search starts where the previous one ended.
 *
 * <p>The covering is {@link GeohashCovering#adaptiveBits} with {@link GeohashCovering#DEFAULT_MAX_CELLS} unless
 * given, so precision adapts to radius and latitude. Antimeridian and poles are handled by the covering (see
 * there). Memory: 8 bytes of key plus {@link PointColumns#BYTES_PER_POINT} per point (56 bytes).
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

    private final long[] keys;
    private final PointColumns points;
    private final GeohashCovering covering;

    private GeohashIndex(long[] keys, PointColumns points, GeohashCovering covering) {
        this.keys = keys;
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
        return keys.length;
    }

    @Override
    public void visitCandidates(LatLng center, double radiusMeters, CandidateVisitor visitor) {
        GeohashCover cover = covering.cover(center, radiusMeters);
        long[] cells = cover.cells();
        int shift = Geohash.MAX_BITS - cover.bitCount();
        int position = 0;
        int i = 0;
        while (i < cells.length) {
            long first = cells[i];
            long last = first;
            while (i + 1 < cells.length && cells[i + 1] == last + 1) {
                last = cells[++i];
            }
            i++;
            int from = lowerBound(keys, first << shift, position);
            int to = lowerBound(keys, (last + 1) << shift, from);
            if (to > from) {
                visitor.visit(points, from, to);
            }
            position = to;
        }
    }

    /** The covering this index uses per query. */
    public GeohashCovering covering() {
        return covering;
    }

    @Override
    public long heapBytes() {
        return 16 + 8L * keys.length + points.heapBytes() + 32;
    }

    /** First index in {@code [from, n)} whose key is {@code >= key}; gallops from {@code from}, then bisects. */
    static int lowerBound(long[] keys, long key, int from) {
        int n = keys.length;
        if (from >= n || keys[from] >= key) {
            return from;
        }
        int step = 1;
        int lo = from;
        int hi = from + 1;
        while (hi < n && keys[hi] < key) {
            lo = hi;
            step <<= 1;
            hi = from + step;
        }
        if (hi > n) {
            hi = n;
        }
        // invariant: keys[lo] < key, and hi == n or keys[hi] >= key
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
