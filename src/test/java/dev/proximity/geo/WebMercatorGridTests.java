package dev.proximity.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebMercatorGridTests {

    /** How far a point may lie outside its cell's computed bounds: rounding of the Mercator inverse only. */
    private static final double BOUNDS_SLACK_DEGREES = 1e-9;

    private static final int MAX = WebMercatorGrid.MAX_ZOOM;

    @Test
    void cutsZoomZeroIntoFourColumnsAndFourRows() {
        // zoom 0 is one 256-pixel tile, cut into 4 x 4 cells of 64 pixels: columns 90 degrees wide
        assertThat(WebMercatorGrid.size(0)).isEqualTo(4);
        assertThat(WebMercatorGrid.column(-180, 0)).isZero();
        assertThat(WebMercatorGrid.column(Math.nextDown(-90.0), 0)).isZero();
        assertThat(WebMercatorGrid.column(-90, 0)).isEqualTo(1);
        assertThat(WebMercatorGrid.column(0, 0)).isEqualTo(2);
        assertThat(WebMercatorGrid.column(179.999, 0)).isEqualTo(3);
        assertThat(WebMercatorGrid.column(180, 0)).as("180 falls in the last column").isEqualTo(3);
        // rows: the equator is Mercator y = 0.5, the edge between rows 1 and 2; row 0 reaches the pole
        assertThat(WebMercatorGrid.row(90, 0)).isZero();
        assertThat(WebMercatorGrid.row(WebMercatorGrid.MAX_MERCATOR_LAT, 0)).isZero();
        assertThat(WebMercatorGrid.row(1e-9, 0)).isEqualTo(1); // (far smaller latitudes round to y = 0.5)
        assertThat(WebMercatorGrid.row(0, 0)).isEqualTo(2);
        assertThat(WebMercatorGrid.row(-WebMercatorGrid.MAX_MERCATOR_LAT, 0)).isEqualTo(3);
        assertThat(WebMercatorGrid.row(-90, 0)).isEqualTo(3);
        // y = 0.25 is latitude atan(sinh(pi / 2)) = 66.5133 degrees: the edge between rows 0 and 1
        double edge = WebMercatorGrid.bounds(0, 1, 0)[2];
        assertThat(edge).isCloseTo(Math.toDegrees(Math.atan(Math.sinh(Math.PI / 2))), within(1e-12));
        assertThat(WebMercatorGrid.row(edge + 1e-9, 0)).isZero();
        assertThat(WebMercatorGrid.row(edge - 1e-9, 0)).isEqualTo(1);
    }

    @Test
    void edgeCellsReachThePolesAndTheAntimeridian() {
        for (int zoom = 0; zoom <= MAX; zoom++) {
            long n = WebMercatorGrid.size(zoom);
            assertThat(WebMercatorGrid.bounds(0, 0, zoom)[2]).isEqualTo(90.0);
            assertThat(WebMercatorGrid.bounds(0, n - 1, zoom)[0]).isEqualTo(-90.0);
            assertThat(WebMercatorGrid.bounds(0, 0, zoom)[1]).isEqualTo(-180.0);
            assertThat(WebMercatorGrid.bounds(n - 1, 0, zoom)[3]).isEqualTo(180.0);
            assertThat(WebMercatorGrid.column(180, zoom)).isEqualTo(n - 1);
            assertThat(WebMercatorGrid.column(-180, zoom)).isZero();
            assertThat(WebMercatorGrid.row(90, zoom)).isZero();
            assertThat(WebMercatorGrid.row(-90, zoom)).isEqualTo(n - 1);
        }
    }

    @Test
    void keysInterleaveColumnAndRowAndInvert() {
        Random random = new Random(2);
        for (int i = 0; i < 10_000; i++) {
            long column = random.nextInt(1 << 22);
            long row = random.nextInt(1 << 22);
            long key = WebMercatorGrid.interleave(column, row);
            assertThat(WebMercatorGrid.columnOf(key)).isEqualTo(column);
            assertThat(WebMercatorGrid.rowOf(key)).isEqualTo(row);
            assertThat(key).isBetween(0L, (1L << 44) - 1);
        }
        // the column bit is the higher bit of each pair
        assertThat(WebMercatorGrid.interleave(1, 0)).isEqualTo(2);
        assertThat(WebMercatorGrid.interleave(0, 1)).isEqualTo(1);
    }

    /**
     * A point's finest key, cut to a zoom, is the cell of its column and row at that zoom, for every zoom: the
     * property that makes each coarser cell one contiguous run of keys. Points at the poles, at +-85.0511 and
     * one ulp either side, at +-180, on column and row edges of random zooms, and anywhere.
     */
    @Test
    void aKeyCutToAZoomIsThePointsCellAtThatZoom() {
        Random random = new Random(3);
        for (double[] p : points(random, 40_000)) {
            long key = WebMercatorGrid.key(p[0], p[1]);
            for (int zoom = 0; zoom <= MAX; zoom++) {
                long cell = WebMercatorGrid.cellOf(key, zoom);
                long column = WebMercatorGrid.column(p[1], zoom);
                long row = WebMercatorGrid.row(p[0], zoom);
                assertThat(cell).as("(%s, %s) at zoom %d", p[0], p[1], zoom)
                        .isEqualTo(WebMercatorGrid.interleave(column, row));
                long first = WebMercatorGrid.firstKey(cell, zoom);
                assertThat(key).isBetween(first, first + WebMercatorGrid.keySpan(zoom) - 1);
            }
        }
    }

    @Test
    void aCellsBoundsHoldThePointsAssignedToIt() {
        Random random = new Random(4);
        for (double[] p : points(random, 20_000)) {
            for (int zoom = 0; zoom <= MAX; zoom++) {
                long column = WebMercatorGrid.column(p[1], zoom);
                long row = WebMercatorGrid.row(p[0], zoom);
                double[] b = WebMercatorGrid.bounds(column, row, zoom);
                assertThat(p[0]).as("latitude of (%s, %s) at zoom %d in %s", p[0], p[1], zoom, List.of(b[0], b[2]))
                        .isBetween(b[0] - BOUNDS_SLACK_DEGREES, b[2] + BOUNDS_SLACK_DEGREES);
                assertThat(p[1]).as("longitude of (%s, %s) at zoom %d", p[0], p[1], zoom)
                        .isBetween(b[1] - BOUNDS_SLACK_DEGREES, b[3] + BOUNDS_SLACK_DEGREES);
            }
        }
    }

    @Test
    void neighboursShareEdgesAndChildrenTileTheirParent() {
        Random random = new Random(6);
        for (int i = 0; i < 5_000; i++) {
            int zoom = random.nextInt(MAX);
            long n = WebMercatorGrid.size(zoom);
            long column = (long) (random.nextDouble() * n);
            long row = (long) (random.nextDouble() * n);
            double[] parent = WebMercatorGrid.bounds(column, row, zoom);
            if (row + 1 < n) {
                assertThat(WebMercatorGrid.bounds(column, row + 1, zoom)[2]).isEqualTo(parent[0]);
            }
            if (column + 1 < n) {
                assertThat(WebMercatorGrid.bounds(column + 1, row, zoom)[1]).isEqualTo(parent[3]);
            }
            double[] northWest = WebMercatorGrid.bounds(2 * column, 2 * row, zoom + 1);
            double[] southEast = WebMercatorGrid.bounds(2 * column + 1, 2 * row + 1, zoom + 1);
            assertThat(new double[] {southEast[0], northWest[1], northWest[2], southEast[3]}).isEqualTo(parent);
            assertThat(WebMercatorGrid.bounds(2 * column, 2 * row, zoom + 1)[0])
                    .isEqualTo(WebMercatorGrid.bounds(2 * column + 1, 2 * row + 1, zoom + 1)[2]);
        }
    }

    @Test
    void countsTheCellsABoxTouches() {
        // zoom 0: columns [-180, -90), [-90, 0), [0, 90), [90, 180]; rows split at 66.51, 0 and -66.51
        assertThat(WebMercatorGrid.cellsIn(LatLngBox.world(), 0)).isEqualTo(16);
        assertThat(WebMercatorGrid.cellsIn(new LatLngBox(1, 1, 2, 2), 0)).isEqualTo(1);
        assertThat(WebMercatorGrid.cellsIn(new LatLngBox(-1, -1, 1, 1), 0)).isEqualTo(4);
        // across the antimeridian: columns 3 and 0, rows 1 and 2
        assertThat(WebMercatorGrid.cellsIn(new LatLngBox(-1, 179, 1, -179), 0)).isEqualTo(4);
        // across the antimeridian, but wrapping round to the west edge's own column: every column, once
        assertThat(WebMercatorGrid.cellsIn(new LatLngBox(1, 10, 2, 5), 0)).isEqualTo(4);
        // a box from -180 holds the points stored at 180, which lie in the last column
        assertThat(WebMercatorGrid.cellsIn(new LatLngBox(1, -180, 2, -100), 0)).isEqualTo(2);
        assertThat(WebMercatorGrid.cellsIn(new LatLngBox(1, 100, 2, 180), 0)).isEqualTo(2);
        // the whole world at zoom 20: (2^22)^2 cells
        assertThat(WebMercatorGrid.cellsIn(LatLngBox.world(), MAX)).isEqualTo(1L << 44);
    }

    /**
     * For random boxes (across the antimeridian, edges at +-180 and +-90, tiny, whole world) and zooms 0..7:
     * every point the box contains lies in one of the cells counted, and the count is the number of distinct
     * cells of the box's rows and its stored longitude ranges' columns.
     */
    @Test
    void cellsInCountsEveryCellHoldingAPointOfTheBox() {
        Random random = new Random(7);
        for (int round = 0; round < 3_000; round++) {
            LatLngBox box = TestBoxes.box(random, round);
            int zoom = random.nextInt(8);
            long firstRow = WebMercatorGrid.row(box.north(), zoom);
            long lastRow = WebMercatorGrid.row(box.south(), zoom);
            Set<Long> columns = new HashSet<>();
            for (BoundingBox part : box.storedParts()) {
                for (long c = WebMercatorGrid.column(part.minLngDegrees(), zoom);
                        c <= WebMercatorGrid.column(part.maxLngDegrees(), zoom); c++) {
                    columns.add(c);
                }
            }
            long counted = WebMercatorGrid.cellsIn(box, zoom);
            assertThat(counted).as("%s at zoom %d", box, zoom).isEqualTo((lastRow - firstRow + 1) * columns.size());
            for (double[] p : TestBoxes.pointsFor(box, random, 40)) {
                if (box.contains(p[0], p[1])) {
                    long row = WebMercatorGrid.row(p[0], zoom);
                    assertThat(row).isBetween(firstRow, lastRow);
                    assertThat(columns).as("%s at zoom %d, point (%s, %s)", box, zoom, p[0], p[1])
                            .contains(WebMercatorGrid.column(p[1], zoom));
                }
            }
        }
    }

    /** Points at the poles, near Mercator's limit, on the antimeridian, on cell edges, and anywhere. */
    private static List<double[]> points(Random random, int count) {
        List<double[]> points = new ArrayList<>();
        double limit = WebMercatorGrid.MAX_MERCATOR_LAT;
        double[] specialLats = {90, -90, limit, -limit, Math.nextUp(limit), Math.nextDown(limit),
                Math.nextUp(-limit), Math.nextDown(-limit), 0, -0.0, Math.nextUp(0.0), Math.nextDown(0.0)};
        double[] specialLngs = {180, -180, Math.nextDown(180.0), Math.nextUp(-180.0), 0, -0.0, 90, -90};
        for (int i = 0; i < count; i++) {
            int zoom = random.nextInt(MAX + 1);
            long n = WebMercatorGrid.size(zoom);
            double[] edge = WebMercatorGrid.bounds((long) (random.nextDouble() * n), (long) (random.nextDouble() * n),
                    zoom);
            double lat = switch (random.nextInt(5)) {
                case 0 -> specialLats[random.nextInt(specialLats.length)];
                case 1 -> edge[random.nextBoolean() ? 0 : 2];
                case 2 -> Math.nextUp(edge[random.nextBoolean() ? 0 : 2]) * (random.nextBoolean() ? 1 : -1);
                default -> Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
            };
            double lng = switch (random.nextInt(5)) {
                case 0 -> specialLngs[random.nextInt(specialLngs.length)];
                case 1 -> edge[random.nextBoolean() ? 1 : 3];
                case 2 -> random.nextBoolean() ? Math.nextDown(edge[1]) : Math.nextUp(edge[3]);
                default -> -180 + 360 * random.nextDouble();
            };
            lat = Math.max(-90, Math.min(90, lat));
            lng = Math.max(-180, Math.min(180, lng));
            points.add(new double[] {lat, lng});
        }
        return points;
    }
}
