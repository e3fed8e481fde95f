package dev.proximity.geo.s2;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.geometry.S2CellId;
import dev.proximity.geo.LatLngBox;
import dev.proximity.geo.TestBoxes;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link S2Covering#cells(LatLngBox, int)} on viewports. */
class S2BoxCoverTests {

    private static boolean covered(List<S2CellId> cells, double lat, double lng) {
        S2CellId leaf = new S2CellId(S2Covering.leafCellId(lat, lng));
        for (S2CellId cell : cells) {
            // the leaf within [rangeMin, rangeMax] (ids compare unsigned, as S2CellId.contains does)
            if (Long.compareUnsigned(cell.rangeMin().id(), leaf.id()) <= 0
                    && Long.compareUnsigned(leaf.id(), cell.rangeMax().id()) <= 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void coversASmallBoxWithCellsOfAtMostTheMaxLevel() {
        LatLngBox box = new LatLngBox(47.3760, 8.5400, 47.3770, 8.5410);
        List<S2CellId> cells = S2Covering.withMaxCells(8).cells(box, 14);
        assertThat(cells).isNotEmpty().allMatch(c -> c.level() <= 14);
        assertThat(covered(cells, 47.3765, 8.5405)).isTrue();
        assertThat(covered(cells, 47.3760, 8.5400)).isTrue();
        assertThat(covered(cells, 47.3770, 8.5410)).isTrue();
    }

    @Test
    void coversTheAntimeridianInBothSpellings() {
        for (LatLngBox box : new LatLngBox[] {new LatLngBox(0, 170, 1, 180), new LatLngBox(0, -180, 1, -170),
                new LatLngBox(0, 179, 1, -179), new LatLngBox(0, 180, 1, 180), new LatLngBox(0, -180, 1, -180),
                new LatLngBox(0, 180, 1, -180)}) {
            List<S2CellId> cells = S2Covering.withMaxCells(8).cells(box, 20);
            assertThat(covered(cells, 0.5, 180)).as("%s: 180", box).isTrue();
            assertThat(covered(cells, 0.5, -180)).as("%s: -180", box).isTrue();
        }
    }

    @Test
    void coversAPolarCapAroundThePole() {
        List<S2CellId> cells = S2Covering.withMaxCells(16).cells(new LatLngBox(89, 10, 90, 20), 10);
        // the pole itself, from any longitude, and the cap's edge
        assertThat(covered(cells, 90, 0)).isTrue();
        assertThat(covered(cells, 90, -123)).isTrue();
        assertThat(covered(cells, 89, 15)).isTrue();
    }

    /**
     * For random boxes (across the antimeridian, polar, edges exactly at +-180 and +-90, west = 180 with
     * east = -180, tiny, the whole world), cell budgets and maximum levels: every point the box contains, many
     * on its edges and at +-180/+-90, has its leaf cell in a cell of the covering; the cells are sorted by signed
     * id, do not overlap, and are no finer than the maximum level.
     */
    @Test
    void coversEveryPointOfTheBox() {
        Random random = new Random(32);
        int[] budgets = {1, 4, 8, 16, 64};
        int checked = 0;
        for (int round = 0; round < 3_000; round++) {
            LatLngBox box = TestBoxes.box(random, round);
            int maxLevel = random.nextInt(S2CellId.MAX_LEVEL + 1);
            S2Covering covering = S2Covering.withMaxCells(budgets[random.nextInt(budgets.length)]);
            List<S2CellId> cells = covering.cells(box, maxLevel);
            String context = box + " max level " + maxLevel + ", " + covering.maxCells() + " cells";
            for (int k = 0; k < cells.size(); k++) {
                assertThat(cells.get(k).level()).as(context).isLessThanOrEqualTo(maxLevel);
                if (k > 0) {
                    assertThat(cells.get(k - 1).rangeMax().id()).as(context)
                            .isLessThan(cells.get(k).rangeMin().id());
                }
            }
            for (double[] p : TestBoxes.pointsFor(box, random, 30)) {
                if (box.contains(p[0], p[1])) {
                    assertThat(covered(cells, p[0], p[1])).as("%s, point (%s, %s)", context, p[0], p[1]).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(25_000);
    }
}
