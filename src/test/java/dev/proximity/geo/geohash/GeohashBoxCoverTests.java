package dev.proximity.geo.geohash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.LatLngBox;
import dev.proximity.geo.TestBoxes;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link GeohashCovering#cover(LatLngBox, int)} and {@link GeohashCovering#cellCount} on viewports. */
class GeohashBoxCoverTests {

    /** Covers larger than this are skipped (the search never lists them: it picks a coarser precision). */
    private static final long MAX_LISTED_CELLS = 2_000;

    @Test
    void takesTheCellsAroundASmallBox() {
        // precision 5 (25 bits: 13 of longitude, 12 of latitude): cells 0.0439 by 0.0439 degrees. A box of
        // 0.001 degrees inside one cell, its 1e-6 margin included, is that cell alone.
        LatLngBox box = new LatLngBox(47.3760, 8.5400, 47.3770, 8.5410);
        GeohashCover cover = GeohashCovering.cover(box, 25);
        assertThat(cover.geohashes()).containsExactly(Geohash.encode(47.3765, 8.5405, 5));
        assertThat(GeohashCovering.cellCount(box, 25)).isEqualTo(1);
    }

    @Test
    void takesBothSidesOfTheAntimeridianWhenTheBoxReachesEitherSpelling() {
        // 1 bit: two cells, west (longitude < 0) and east. A box from 170 to 180 holds points stored at -180,
        // which lie in the western cell.
        assertThat(GeohashCovering.cover(new LatLngBox(0, 170, 1, 180), 1).cells()).containsExactly(0L, 1L);
        assertThat(GeohashCovering.cover(new LatLngBox(0, -180, 1, -170), 1).cells()).containsExactly(0L, 1L);
        assertThat(GeohashCovering.cover(new LatLngBox(0, 10, 1, 20), 1).cells()).containsExactly(1L);
        // precision 2 (10 bits, 32 columns of 11.25 degrees, rows of 5.625 from the equator north): 179..-179
        // takes the last and the first column (latitudes from 0.5: the margin below 0 would add a row)
        GeohashCover across = GeohashCovering.cover(new LatLngBox(0.5, 179, 1, -179), 10);
        assertThat(across.geohashes()).containsExactlyInAnyOrder(Geohash.encode(0.75, 179.5, 2),
                Geohash.encode(0.75, -179.5, 2));
    }

    @Test
    void takesWholeRowsForAFullBand() {
        // 10 bits: 32 columns, 32 rows of 5.625 degrees; latitudes 80..90 meet rows 30 and 31
        assertThat(GeohashCovering.cellCount(new LatLngBox(80, -180, 90, 180), 10)).isEqualTo(64);
        assertThat(GeohashCovering.cover(LatLngBox.world(), 10).size()).isEqualTo(1024);
    }

    /**
     * For random boxes (across the antimeridian, polar, edges exactly at +-180 and +-90, west = 180 with
     * east = -180, tiny, the whole world) and random points, many on the box's edges and at +-180/+-90: every
     * point the box contains lies in a cell of the cover, the cover is sorted and distinct, its size is
     * {@code cellCount}, and each of its cells touches the box (within twice the margin, the spellings of +-180
     * being one meridian).
     */
    @Test
    void coversEveryPointOfTheBoxWithCellsThatTouchIt() {
        Random random = new Random(31);
        int checked = 0;
        for (int round = 0; round < 4_000; round++) {
            LatLngBox box = TestBoxes.box(random, round);
            int bitCount = 1 + random.nextInt(Geohash.MAX_BITS);
            long count = GeohashCovering.cellCount(box, bitCount);
            while (count > MAX_LISTED_CELLS) {
                bitCount = Math.max(1, bitCount - 1 - random.nextInt(4));
                count = GeohashCovering.cellCount(box, bitCount);
            }
            GeohashCover cover = GeohashCovering.cover(box, bitCount);
            long[] cells = cover.cells();
            String context = box + " at " + bitCount + " bits";
            assertThat(cover.bitCount()).isEqualTo(bitCount);
            assertThat((long) cells.length).as(context).isEqualTo(count);
            for (int k = 1; k < cells.length; k++) {
                if (cells[k] <= cells[k - 1]) {
                    fail(context + ": cells not sorted and distinct at " + k);
                }
            }
            for (double[] p : TestBoxes.pointsFor(box, random, 30)) {
                if (box.contains(p[0], p[1])) {
                    long cell = Geohash.encodeBits(p[0], p[1], bitCount);
                    assertThat(Arrays.binarySearch(cells, cell)).as("%s, point (%s, %s)", context, p[0], p[1])
                            .isGreaterThanOrEqualTo(0);
                    checked++;
                }
            }
            for (long cell : cells) {
                if (!touches(box, Geohash.decodeBits(cell, bitCount))) {
                    fail(context + ": cell " + Geohash.decodeBits(cell, bitCount) + " does not touch the box");
                }
            }
        }
        assertThat(checked).isGreaterThan(30_000);
    }

    private static boolean touches(LatLngBox box, BoundingBox cell) {
        double slack = 2 * GeohashCovering.MARGIN_DEGREES;
        if (cell.minLatDegrees() > box.north() + slack || cell.maxLatDegrees() < box.south() - slack) {
            return false;
        }
        for (BoundingBox part : box.storedParts()) {
            for (double shift : new double[] {-360, 0, 360}) {
                if (cell.minLngDegrees() + shift <= part.maxLngDegrees() + slack
                        && cell.maxLngDegrees() + shift >= part.minLngDegrees() - slack) {
                    return true;
                }
            }
        }
        return false;
    }
}
