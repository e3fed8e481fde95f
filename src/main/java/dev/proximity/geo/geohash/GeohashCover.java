package dev.proximity.geo.geohash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The geohash cells of one precision that together contain a search circle, produced by {@link GeohashCovering}.
 *
 * @param bitCount the precision in bits, 1..60 (a multiple of 5 for string precisions)
 * @param cells cell bits, right-aligned, sorted ascending and distinct; the array is not copied, do not modify it
 */
public record GeohashCover(int bitCount, long[] cells) {

    /** Number of cells. */
    public int size() {
        return cells.length;
    }

    /** The precision in characters; throws if {@link #bitCount} is not a multiple of 5. */
    public int precision() {
        if (bitCount % 5 != 0) {
            throw new IllegalStateException("a " + bitCount + "-bit cover has no string precision");
        }
        return bitCount / 5;
    }

    /**
     * The cells as geohash strings, sorted. Each is a prefix of the precision-12 geohash of every point inside it,
     * so {@code geohash >= cell AND geohash < cell || '~'} (or a {@code LIKE 'cell%'} prefix scan) finds them.
     */
    public List<String> geohashes() {
        int precision = precision();
        List<String> result = new ArrayList<>(cells.length);
        for (long cell : cells) {
            result.add(Geohash.toBase32(cell, precision));
        }
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GeohashCover that && bitCount == that.bitCount && Arrays.equals(cells, that.cells);
    }

    @Override
    public int hashCode() {
        return 31 * bitCount + Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return "GeohashCover[bitCount=" + bitCount + ", cells=" + cells.length + "]";
    }
}
