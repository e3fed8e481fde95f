package dev.proximity.geo.s2;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S1ChordAngle;
import com.google.common.geometry.S2Cap;
import com.google.common.geometry.S2Cell;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2RegionCoverer;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.TestPoints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one-level covering of {@link S2Covering} against three references: brute force over random points near and
 * inside the circle, the cells {@code S2RegionCoverer} chooses, and S2's own flood fill at the same level.
 */
class S2BlockCoverTests {

    private final S2Covering covering = S2Covering.withDefaults();

    /** Random centres: uniform, next to and exactly at the poles, on and near the antimeridian, on cube edges. */
    private static LatLng randomCenter(Random random, int i) {
        double[] c = TestPoints.uniformSphere(random);
        return switch (i % 6) {
            case 0 -> LatLng.ofDegrees(c[0], c[1]);
            case 1 -> LatLng.ofDegrees((random.nextBoolean() ? 1 : -1) * (90 - random.nextDouble() * 0.5), c[1]);
            case 2 -> LatLng.ofDegrees(random.nextBoolean() ? 90 : -90, c[1]);
            case 3 -> LatLng.ofDegrees(c[0], random.nextBoolean() ? 180 : -180 + random.nextDouble() * 1e-3);
            // cube edges lie on the meridians 45 + 90 k near the equator
            case 4 -> LatLng.ofDegrees(c[0] * 0.5, 45 + 90 * random.nextInt(4) - 180 + random.nextDouble() * 1e-4);
            // cube corners: latitude atan(1 / sqrt 2), longitude 45 + 90 k
            default -> LatLng.ofDegrees(35.26439 * (random.nextBoolean() ? 1 : -1), 45 + 90 * random.nextInt(4) - 180);
        };
    }

    private static double randomRadiusMeters(Random random) {
        return Math.exp(random.nextDouble() * Math.log(50_000)); // 1 m to 50 km, log-uniform
    }

    /** A point at {@code distanceMeters} from {@code center} in a random direction. */
    private static LatLng offset(LatLng center, double distanceMeters, double bearingRadians) {
        double d = Haversine.metersToRadians(distanceMeters);
        double lat1 = Math.toRadians(center.latDegrees());
        double lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearingRadians));
        double lng2 = Math.toRadians(center.lngDegrees()) + Math.atan2(Math.sin(bearingRadians) * Math.sin(d)
                * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
        double lngDegrees = Math.toDegrees(lng2);
        lngDegrees = ((lngDegrees + 540.0) % 360.0) - 180.0;
        return LatLng.ofDegrees(Math.max(-90, Math.min(90, Math.toDegrees(lat2))), lngDegrees);
    }

    private static boolean covers(List<S2CellRange> ranges, long leaf) {
        return ranges.stream().anyMatch(r -> r.contains(leaf));
    }

    @Test
    void containsEveryPointTheHaversineOracleAcceptsIncludingTheBoundary() {
        Random random = new Random(2024);
        int inside = 0;
        for (int i = 0; i < 3_000; i++) {
            LatLng center = randomCenter(random, i);
            // one cap in ten is 50 to 2,500 km: beyond the project's limit, across the switch to the coverer
            double radiusMeters = i % 10 == 9 ? 50_000 * Math.exp(random.nextDouble() * Math.log(50))
                    : randomRadiusMeters(random);
            List<S2CellRange> ranges = covering.ranges(center, radiusMeters);
            for (int k = 0; k < 60; k++) {
                // half the samples hug the boundary (within 1e-9 of the radius), where rounding matters most
                double fraction = k % 2 == 0 ? random.nextDouble() : 1.0 - random.nextDouble() * 1e-9;
                LatLng p = offset(center, radiusMeters * fraction, random.nextDouble() * 2 * Math.PI);
                if (Haversine.distanceMeters(center, p) <= radiusMeters) {
                    inside++;
                    assertThat(covers(ranges, S2Covering.leafCellId(p)))
                            .as("%s r=%s m, point %s", center, radiusMeters, p).isTrue();
                }
            }
        }
        assertThat(inside).isGreaterThan(100_000);
    }

    @Test
    void containsEveryLeafOfTheCoverersCoveringThatLiesInTheCap() {
        Random random = new Random(77);
        for (int i = 0; i < 1_500; i++) {
            LatLng center = randomCenter(random, i);
            double radiusMeters = randomRadiusMeters(random);
            List<S2CellRange> ranges = covering.ranges(center, radiusMeters);
            S2Cap cap = S2Covering.cap(center, radiusMeters);
            // the coverer's cells contain the cap too; points of the cap sampled inside those cells must be ours
            for (S2CellId cell : covering.covererCells(center, radiusMeters)) {
                S2Point cellCenter = cell.toPoint();
                if (cap.contains(cellCenter)) {
                    assertThat(covers(ranges, S2Covering.leafCellId(LatLng.ofDegrees(
                            new S2LatLng(cellCenter).latDegrees(), new S2LatLng(cellCenter).lngDegrees()))))
                            .as("%s r=%s m, coverer cell %s", center, radiusMeters, cell).isTrue();
                }
            }
            assertThat(covers(ranges, S2Covering.leafCellId(center))).isTrue();
        }
    }

    @Test
    void keepsEveryCellThatS2sFloodFillFindsAtTheSameLevelAndOnlyCellsThatMeetTheCap() {
        Random random = new Random(5);
        for (int i = 0; i < 1_500; i++) {
            LatLng center = randomCenter(random, i);
            double radiusMeters = randomRadiusMeters(random);
            List<S2CellId> ours = covering.cells(center, radiusMeters);
            assertThat(ours).isNotEmpty();
            int level = ours.get(0).level();
            assertThat(ours).allMatch(c -> c.level() == level);
            S2Cap cap = S2Covering.cap(center, radiusMeters);
            S1ChordAngle angle = S1ChordAngle.fromS1Angle(S1Angle.radians(cap.angle().radians()));
            ArrayList<S2CellId> flood = new ArrayList<>();
            S2RegionCoverer.getSimpleCovering(cap, cap.axis(), level, flood);
            Set<S2CellId> mine = new HashSet<>(ours);
            for (S2CellId cell : flood) {
                if (!mine.contains(cell)) {
                    // S2's test is conservative: a cell we left out must be strictly beyond the cap
                    assertThat(new S2Cell(cell).getDistance(cap.axis()).compareTo(angle) > 0)
                            .as("%s r=%s m dropped %s", center, radiusMeters, cell).isTrue();
                }
            }
            for (S2CellId cell : ours) {
                assertThat(cap.mayIntersect(new S2Cell(cell))).as("%s r=%s m kept %s", center, radiusMeters, cell)
                        .isTrue();
            }
        }
    }

    @Test
    void choosesTheFinestLevelWithinTheCellBudgetAndMergesNeighbours() {
        LatLng zurich = LatLng.ofDegrees(47.37, 8.54);
        for (double radiusMeters : new double[] {1, 100, 1_000, 10_000, 50_000}) {
            List<S2CellId> cells = covering.cells(zurich, radiusMeters);
            assertThat(cells.size()).isLessThanOrEqualTo(S2Covering.DEFAULT_MAX_CELLS);
            assertThat(covering.ranges(zurich, radiusMeters).size()).isLessThanOrEqualTo(cells.size());
        }
        assertThat(covering.cells(zurich, 100).get(0).level())
                .isGreaterThan(covering.cells(zurich, 10_000).get(0).level());
    }

    @Test
    void fallsBackToTheCovererForCapsBeyondOneFacesHemisphere() {
        LatLng center = LatLng.ofDegrees(10, 20);
        double radiusMeters = 3_000_000; // about 27 degrees: leaves the hemisphere of a neighbouring face
        List<S2CellRange> ranges = covering.ranges(center, radiusMeters);
        Random random = new Random(3);
        for (int k = 0; k < 2_000; k++) {
            LatLng p = offset(center, radiusMeters * random.nextDouble(), random.nextDouble() * 2 * Math.PI);
            assertThat(covers(ranges, S2Covering.leafCellId(p))).isTrue();
        }
    }
}
