package dev.proximity.geo.s2;

/**
 * The leaf cell ids of one covering cell, or of several cells that follow each other on the Hilbert curve, as an
 * inclusive range of the values stored in the signed {@code bigint} column {@code s2_cell} (the leaf
 * {@code S2CellId.id()}).
 *
 * <p>S2 ids are unsigned 64-bit numbers; faces 4 and 5 have the top bit set, so in a signed column they are
 * negative. A cell never spans two faces, and {@link S2Covering} merges consecutive cells only when both ends have
 * the same sign, so on one side of the sign boundary signed and unsigned order agree. Hence {@code s2_cell BETWEEN
 * rangeMin AND rangeMax} in signed arithmetic selects exactly the leaves of the cells, with
 * {@code rangeMin <= rangeMax} always.
 *
 * @param rangeMin the smallest leaf id in the cell, as a signed long
 * @param rangeMax the largest leaf id in the cell, as a signed long, {@code >= rangeMin}
 */
public record S2CellRange(long rangeMin, long rangeMax) {

    public S2CellRange {
        if (rangeMin > rangeMax) {
            throw new IllegalArgumentException("empty range [" + rangeMin + ", " + rangeMax + "]");
        }
    }

    /** Returns {@code true} if the leaf id (as stored, signed) lies in this range. */
    public boolean contains(long leafId) {
        return leafId >= rangeMin && leafId <= rangeMax;
    }
}
