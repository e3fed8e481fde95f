package dev.proximity.search;

import java.util.Arrays;
import java.util.List;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.LatLngBox;
import dev.proximity.geo.geohash.Geohash;
import dev.proximity.geo.geohash.GeohashCover;
import dev.proximity.geo.geohash.GeohashCovering;
import dev.proximity.geo.s2.S2Covering;

/**
 * The cells geohash and S2 searches read, as longs: an S2 cell is its id (levels 0 to {@code maxS2Level}); a
 * geohash cell of precision 4, 5 or 6 is {@code 0b111 << 61 | precision << 56 | bits}, which no S2 id can equal
 * (S2 faces are 0..5 in the top three bits). One long key space serves the local cell layer and the per-cell
 * change positions ({@link CellChanges}).
 *
 * <p>A search covers its circle with cells of one level: S2 cells of the block covering, coarsened to
 * {@code maxS2Level} when finer (small radii), and geohash cells of the adaptive precision clamped to 4..6. So a
 * business lies in exactly one cell of each level a search may read, and a change of a business touches
 * {@link #ofPoint} of its old and of its new position, and no other cell.
 *
 * <p><b>Scores.</b> In the Redis view every business has one score per index, and a cell is one score range:
 * the geohash score is the position's 52-bit geohash (a precision-p cell is the range of its 5p-bit prefix); the
 * S2 score is the leaf cell id cut to level 24 (51 bits, about 0.5 m), so any cell of level 24 or coarser is a
 * range. Both fit a double exactly, as Redis scores must.
 */
final class CellKeys {

    static final int MIN_GEOHASH_PRECISION = 4;
    static final int MAX_GEOHASH_PRECISION = 6;
    static final int MIN_S2_LEVEL = 0;
    static final int GEOHASH_SCORE_BITS = 52;
    static final int S2_SCORE_LEVEL = 24;
    private static final int S2_SCORE_SHIFT = 1 + 2 * (S2CellId.MAX_LEVEL - S2_SCORE_LEVEL);
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
        if (maxS2Level > S2_SCORE_LEVEL) {
            throw new IllegalArgumentException("maxS2Level must be at most " + S2_SCORE_LEVEL + ": " + maxS2Level);
        }
        this.maxS2Level = maxS2Level;
    }

    /** The cells covering the circle for {@code index} (GEOHASH or S2), sorted and distinct. */
    long[] cover(IndexType index, LatLng center, double radiusMeters) {
        return index == IndexType.GEOHASH ? geohashCover(center, radiusMeters) : s2Cover(center, radiusMeters);
    }

    /** Cells a box search reads at most, per index: the finest allowed level whose covering stays within it. */
    static final int MAX_BOX_CELLS = 32;

    /** The cells covering the box for {@code index} (GEOHASH or S2), sorted and distinct. */
    long[] cover(IndexType index, LatLngBox box) {
        if (index == IndexType.GEOHASH) {
            int precision = MIN_GEOHASH_PRECISION;
            for (int p = MAX_GEOHASH_PRECISION; p > MIN_GEOHASH_PRECISION; p--) {
                if (GeohashCovering.cellCount(box, 5 * p) <= MAX_BOX_CELLS) {
                    precision = p;
                    break;
                }
            }
            long[] cells = GeohashCovering.cover(box, 5 * precision).cells();
            long[] keys = new long[cells.length];
            for (int i = 0; i < cells.length; i++) {
                keys[i] = geohashKey(precision, cells[i]);
            }
            return keys;
        }
        return coarsened(s2.cells(box, maxS2Level));
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
        return coarsened(s2.cells(center, radiusMeters));
    }

    /** Cells finer than {@code maxS2Level} replaced by their ancestor at that level, duplicates dropped. */
    private long[] coarsened(List<S2CellId> cells) {
        long[] keys = new long[cells.size()];
        int n = 0;
        for (S2CellId cell : cells) {
            long key = cell.level() > maxS2Level ? cell.parent(maxS2Level).id() : cell.id();
            if (n == 0 || keys[n - 1] != key) { // sorted by id, so coarsened duplicates are adjacent
                keys[n++] = key;
            }
        }
        return n == keys.length ? keys : Arrays.copyOf(keys, n);
    }

    /** Every cell a search may read that holds the point: geohash precisions 4..6 and S2 levels 0..maxS2Level. */
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

    static boolean isGeohash(long key) {
        return (key & GEOHASH_TAG) == GEOHASH_TAG;
    }

    /** The number of geohash bits of a geohash cell key ({@code 5 * precision}). */
    static int geohashBits(long key) {
        return 5 * (int) ((key >>> 56) & 0x1F);
    }

    /** The geohash bits of a geohash cell key, right-aligned. */
    static long geohashValue(long key) {
        return key & ((1L << 56) - 1);
    }

    static String geohashPrefix(long key) {
        return Geohash.toBase32(geohashValue(key), geohashBits(key) / 5);
    }

    /** The geohash score of a position in the Redis view. */
    static long geohashScore(double latDegrees, double lngDegrees) {
        return Geohash.encodeBits(latDegrees, lngDegrees, GEOHASH_SCORE_BITS);
    }

    /** The S2 score of a leaf cell id in the Redis view (unsigned shift: faces 4 and 5 have the top bit set). */
    static long s2Score(long s2Leaf) {
        return s2Leaf >>> S2_SCORE_SHIFT;
    }

    /** The inclusive score range {@code {min, max}} of a cell in its index's Redis view. */
    static long[] scoreRange(long key) {
        if (isGeohash(key)) {
            int shift = GEOHASH_SCORE_BITS - geohashBits(key);
            long low = geohashValue(key) << shift;
            return new long[] {low, low + (1L << shift) - 1};
        }
        S2CellId cell = new S2CellId(key);
        return new long[] {s2Score(cell.rangeMin().id()), s2Score(cell.rangeMax().id())};
    }

    private static long geohashKey(int precision, long bits) {
        return GEOHASH_TAG | ((long) precision << 56) | bits;
    }
}
