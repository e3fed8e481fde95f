package dev.proximity.search;

import java.util.List;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.geohash.Geohash;
import dev.proximity.geo.geohash.GeohashCover;
import dev.proximity.geo.geohash.GeohashCovering;
import dev.proximity.geo.s2.S2Covering;

/**
 * The cells the cell cache keys, as longs: an S2 cell is its id (levels {@value #MIN_S2_LEVEL} to
 * {@code maxS2Level}); a geohash cell of precision 4, 5 or 6 is {@code 0b111 << 61 | precision << 56 | bits},
 * which no S2 id can equal (S2 faces are 0..5 in the top three bits). One long key space serves the local layer;
 * {@link #redisName} gives the Redis spelling ({@code s2:<token>}, {@code gh5:wydm9}).
 *
 * <p>A search covers its circle with cells of one level: S2 cells of the block covering, coarsened to
 * {@code maxS2Level} when finer (small radii) so there is a bounded set of levels to invalidate; geohash cells of
 * the adaptive precision clamped to 4..6. A business lies in exactly one cell of each cached level, so a write
 * invalidates {@link #ofPoint} of its old and of its new position, and nothing else can hold it.
 */
final class CellKeys {

    static final int MIN_GEOHASH_PRECISION = 4;
    static final int MAX_GEOHASH_PRECISION = 6;
    static final int MIN_S2_LEVEL = 0;
    private static final long GEOHASH_TAG = 0b111L << 61;
    private static final GeohashCovering ADAPTIVE_GEOHASH = GeohashCovering.adaptive(GeohashCovering.DEFAULT_MAX_CELLS);
    private static final GeohashCovering[] GEOHASH_AT = new GeohashCovering[MAX_GEOHASH_PRECISION + 1];

    static {
        for (int p = MIN_GEOHASH_PRECISION; p <= MAX_GEOHASH_PRECISION; p++) {
            GEOHASH_AT[p] = GeohashCovering.withPrecision(p);
        }
    }

    private final S2Covering s2 = S2Covering.withDefaults();
    private final int maxS2Level;

    CellKeys(int maxS2Level) {
        this.maxS2Level = maxS2Level;
    }

    /** The cells covering the circle for {@code index} (GEOHASH or S2), sorted and distinct. */
    long[] cover(IndexType index, LatLng center, double radiusMeters) {
        return index == IndexType.GEOHASH ? geohashCover(center, radiusMeters) : s2Cover(center, radiusMeters);
    }

    private long[] geohashCover(LatLng center, double radiusMeters) {
        GeohashCover cover = ADAPTIVE_GEOHASH.cover(center, radiusMeters);
        int precision = cover.bitCount() / 5;
        if (precision < MIN_GEOHASH_PRECISION || precision > MAX_GEOHASH_PRECISION) {
            precision = Math.max(MIN_GEOHASH_PRECISION, Math.min(MAX_GEOHASH_PRECISION, precision));
            cover = GEOHASH_AT[precision].cover(center, radiusMeters);
        }
        long[] cells = cover.cells();
        long[] keys = new long[cells.length];
        for (int i = 0; i < cells.length; i++) {
            keys[i] = geohashKey(precision, cells[i]);
        }
        return keys; // cover cells are sorted and distinct, and the tag keeps that order
    }

    private long[] s2Cover(LatLng center, double radiusMeters) {
        List<S2CellId> cells = s2.cells(center, radiusMeters);
        long[] keys = new long[cells.size()];
        int n = 0;
        for (S2CellId cell : cells) {
            long key = cell.level() > maxS2Level ? cell.parent(maxS2Level).id() : cell.id();
            if (n == 0 || keys[n - 1] != key) { // sorted by id, so coarsened duplicates are adjacent
                keys[n++] = key;
            }
        }
        return n == keys.length ? keys : java.util.Arrays.copyOf(keys, n);
    }

    /** Every cached cell holding the point: geohash precisions 4..6 and S2 levels 0..maxS2Level. */
    long[] ofPoint(double latDegrees, double lngDegrees) {
        long[] keys = new long[MAX_GEOHASH_PRECISION - MIN_GEOHASH_PRECISION + 1 + maxS2Level - MIN_S2_LEVEL + 1];
        int n = 0;
        for (int p = MIN_GEOHASH_PRECISION; p <= MAX_GEOHASH_PRECISION; p++) {
            keys[n++] = geohashKey(p, Geohash.encodeBits(latDegrees, lngDegrees, 5 * p));
        }
        S2CellId leaf = S2CellId.fromLatLng(S2LatLng.fromDegrees(latDegrees, lngDegrees));
        for (int level = MIN_S2_LEVEL; level <= maxS2Level; level++) {
            keys[n++] = leaf.parent(level).id();
        }
        return keys;
    }

    /** Whether the point lies in the cell (a row read for a cell must, unless it moved meanwhile). */
    static boolean contains(long key, double latDegrees, double lngDegrees) {
        if (isGeohash(key)) {
            int precision = (int) ((key >>> 56) & 0x1F);
            return Geohash.encodeBits(latDegrees, lngDegrees, 5 * precision) == (key & ((1L << 56) - 1));
        }
        return new S2CellId(key).contains(S2CellId.fromLatLng(S2LatLng.fromDegrees(latDegrees, lngDegrees)));
    }

    static boolean isGeohash(long key) {
        return (key & GEOHASH_TAG) == GEOHASH_TAG;
    }

    static String geohashPrefix(long key) {
        int precision = (int) ((key >>> 56) & 0x1F);
        return Geohash.toBase32(key & ((1L << 56) - 1), precision);
    }

    /** The Redis name of a cell, without namespace: {@code gh5:wydm9} or {@code s2:<token>}. */
    static String redisName(long key) {
        if (isGeohash(key)) {
            int precision = (int) ((key >>> 56) & 0x1F);
            return "gh" + precision + ":" + geohashPrefix(key);
        }
        return "s2:" + new S2CellId(key).toToken();
    }

    private static long geohashKey(int precision, long bits) {
        return GEOHASH_TAG | ((long) precision << 56) | bits;
    }
}
