package dev.proximity.geo.s2;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.TestPoints;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class S2CoveringTests {

    private final S2Covering covering = S2Covering.withDefaults();

    @Test
    void storesLeafIdsOfFacesFourAndFiveAsNegativeSignedLongs() {
        // faces 0..5 are centred on +x, +y, +z, -x, -y, -z: face 4 (-y) at longitude -90 on the equator,
        // face 5 (-z) at the south pole; their ids have the top bit set
        long face4 = S2Covering.leafCellId(LatLng.ofDegrees(0, -90));
        long face5 = S2Covering.leafCellId(LatLng.ofDegrees(-90, 0));
        long face2 = S2Covering.leafCellId(LatLng.ofDegrees(90, 0));
        assertThat(new S2CellId(face4).face()).isEqualTo(4);
        assertThat(new S2CellId(face5).face()).isEqualTo(5);
        assertThat(face4).isNegative();
        assertThat(face5).isNegative();
        assertThat(face2).isPositive();
        assertThat(S2Covering.leafCellId(LatLng.ofDegrees(47.37, 8.54)))
                .isEqualTo(S2CellId.fromLatLng(S2LatLng.fromDegrees(47.37, 8.54)).id());
    }

    @Test
    void rangesNeverStraddleTheSignBoundaryAndContainTheirLeaves() {
        Random random = new Random(12);
        int negativeRanges = 0;
        for (int i = 0; i < 3_000; i++) {
            double[] c = TestPoints.uniformSphere(random);
            if (i % 3 == 0) {
                c[0] = -90 + random.nextDouble(); // the south pole lies on face 5: negative ids
            }
            double radiusMeters = Math.exp(random.nextDouble() * Math.log(50_000));
            LatLng center = LatLng.ofDegrees(c[0], c[1]);
            List<S2CellRange> ranges = covering.ranges(center, radiusMeters);
            assertThat(ranges).isNotEmpty();
            for (int k = 0; k < ranges.size(); k++) {
                S2CellRange range = ranges.get(k);
                assertThat(Long.signum(range.rangeMin())).isEqualTo(Long.signum(range.rangeMax()));
                assertThat(range.rangeMin()).isLessThanOrEqualTo(range.rangeMax());
                if (k > 0) {
                    assertThat(range.rangeMin()).as("sorted, disjoint").isGreaterThan(ranges.get(k - 1).rangeMax());
                }
                negativeRanges += range.rangeMin() < 0 ? 1 : 0;
            }
            // the centre's own leaf is in exactly one range, compared as a signed bigint
            long leaf = S2Covering.leafCellId(center);
            assertThat(ranges.stream().filter(r -> r.contains(leaf)).count()).isEqualTo(1);
        }
        assertThat(negativeRanges).isGreaterThan(100);
    }

    @Test
    void coversAroundThePoleAndAcrossTheAntimeridianWithTheSameMachinery() {
        LatLng pole = LatLng.ofDegrees(90, 0);
        List<S2CellRange> ranges = covering.ranges(pole, 10_000);
        for (int lng = -180; lng <= 180; lng += 15) {
            long leaf = S2Covering.leafCellId(89.95, lng); // about 5.6 km from the pole
            assertThat(ranges).anyMatch(r -> r.contains(leaf));
        }
        List<S2CellRange> across = covering.ranges(LatLng.ofDegrees(0, 179.999), 5_000);
        assertThat(across).anyMatch(r -> r.contains(S2Covering.leafCellId(0, -179.999)));
    }

    @Test
    void choosesFinerLevelsForSmallerRadii() {
        assertThat(S2Covering.maxLevelFor(1)).isGreaterThan(S2Covering.maxLevelFor(1_000));
        assertThat(S2Covering.maxLevelFor(1_000)).isGreaterThan(S2Covering.maxLevelFor(50_000));
        assertThat(S2Covering.maxLevelFor(0)).isLessThanOrEqualTo(S2CellId.MAX_LEVEL);
        assertThat(covering.cells(LatLng.ofDegrees(10, 10), 5_000).size()).isLessThanOrEqualTo(
                S2Covering.DEFAULT_MAX_CELLS + 8);
    }
}
