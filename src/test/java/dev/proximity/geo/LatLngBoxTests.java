package dev.proximity.geo;

import static dev.proximity.geo.GeoAssertions.assertMetersNear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LatLngBoxTests {

    /** One degree of arc on the haversine sphere: about 111.195 km. */
    private static final double DEGREE_METERS = Math.toRadians(1) * Haversine.EARTH_RADIUS_METERS;

    @Nested
    class Contains {

        @Test
        void includesEveryEdge() {
            LatLngBox box = new LatLngBox(10, 20, 11, 21);
            assertThat(box.contains(10, 20)).isTrue();
            assertThat(box.contains(11, 21)).isTrue();
            assertThat(box.contains(10.5, 20.5)).isTrue();
            assertThat(box.contains(Math.nextDown(10.0), 20.5)).isFalse();
            assertThat(box.contains(10.5, Math.nextUp(21.0))).isFalse();
        }

        @Test
        void wrapsAcrossTheAntimeridian() {
            LatLngBox fiji = new LatLngBox(-18.3, 177.0, -16.0, -179.5);
            assertThat(fiji.crossesAntimeridian()).isTrue();
            assertThat(fiji.lngSpanDegrees()).isEqualTo(3.5);
            assertThat(fiji.contains(-17.0, 179.9)).isTrue();
            assertThat(fiji.contains(-17.0, -179.9)).isTrue();
            assertThat(fiji.contains(-17.0, 180)).isTrue();
            assertThat(fiji.contains(-17.0, -180)).isTrue();
            assertThat(fiji.contains(-17.0, 0)).isFalse();
            assertThat(fiji.contains(-17.0, -179.4)).isFalse();
        }

        @Test
        void treatsBothSpellingsOfTheAntimeridianAsOneMeridian() {
            // each box reaches one spelling only; the point stored with the other is inside all the same
            assertThat(new LatLngBox(0, 170, 10, 180).contains(5, -180)).isTrue();
            assertThat(new LatLngBox(0, -180, 10, -170).contains(5, 180)).isTrue();
            assertThat(new LatLngBox(0, 180, 10, 180).contains(5, -180)).isTrue();
            assertThat(new LatLngBox(0, -180, 10, -180).contains(5, 180)).isTrue();
            // west = 180, east = -180: crosses, spans nothing but the antimeridian itself
            LatLngBox seam = new LatLngBox(0, 180, 10, -180);
            assertThat(seam.lngSpanDegrees()).isZero();
            assertThat(seam.contains(5, 180)).isTrue();
            assertThat(seam.contains(5, -180)).isTrue();
            assertThat(seam.contains(5, 179.999)).isFalse();
            // but not a meridian near it
            assertThat(new LatLngBox(0, 170, 10, 180).contains(5, -179.999)).isFalse();
        }

        @Test
        void rejectsBadEdges() {
            assertThatIllegalArgumentException().isThrownBy(() -> new LatLngBox(11, 0, 10, 1));
            assertThatIllegalArgumentException().isThrownBy(() -> new LatLngBox(-91, 0, 10, 1));
            assertThatIllegalArgumentException().isThrownBy(() -> new LatLngBox(0, -180.5, 10, 1));
            assertThatIllegalArgumentException().isThrownBy(() -> new LatLngBox(0, 0, Double.NaN, 1));
        }
    }

    @Nested
    class Parts {

        @Test
        void areOneRangeOrTwoWithTheEasternPartFirst() {
            assertThat(new LatLngBox(0, 10, 1, 20).parts()).containsExactly(new BoundingBox(0, 1, 10, 20));
            assertThat(new LatLngBox(0, 170, 1, -170).parts())
                    .containsExactly(new BoundingBox(0, 1, 170, 180), new BoundingBox(0, 1, -180, -170));
        }

        @Test
        void storedPartsAddTheOtherSpellingOfTheAntimeridianWhenOnlyOneIsReached() {
            assertThat(new LatLngBox(0, -180, 1, 20).storedParts())
                    .containsExactly(new BoundingBox(0, 1, -180, 20), new BoundingBox(0, 1, 180, 180));
            assertThat(new LatLngBox(0, 20, 1, 180).storedParts())
                    .containsExactly(new BoundingBox(0, 1, 20, 180), new BoundingBox(0, 1, -180, -180));
            assertThat(LatLngBox.world().storedParts()).containsExactly(new BoundingBox(-90, 90, -180, 180));
            assertThat(new LatLngBox(0, 10, 1, 20).storedParts()).containsExactly(new BoundingBox(0, 1, 10, 20));
        }

        /**
         * For random boxes and points (many on edges, one ulp outside them, at +-180 and +-90): a point the box
         * contains lies in exactly one stored part, any other in none; and the parts contain it under one
         * spelling of its longitude or the other.
         */
        @Test
        void storedPartsAreDisjointAndCoverExactlyTheBox() {
            Random random = new Random(5);
            int inside = 0;
            for (int round = 0; round < 20_000; round++) {
                LatLngBox box = TestBoxes.box(random, round);
                List<BoundingBox> stored = box.storedParts();
                List<BoundingBox> parts = box.parts();
                for (double[] p : TestBoxes.pointsFor(box, random, 8)) {
                    boolean contains = box.contains(p[0], p[1]);
                    long holding = stored.stream().filter(part -> part.contains(p[0], p[1])).count();
                    assertThat(holding).as("%s, point %s, %s", box, p[0] + ", " + p[1], stored)
                            .isEqualTo(contains ? 1 : 0);
                    boolean inParts = parts.stream().anyMatch(part -> part.contains(p[0], p[1])
                            || (Math.abs(p[1]) == 180 && part.contains(p[0], -p[1])));
                    assertThat(inParts).as("%s, point %s", box, p[0] + ", " + p[1]).isEqualTo(contains);
                    inside += contains ? 1 : 0;
                }
            }
            assertThat(inside).isGreaterThan(50_000);
        }
    }

    @Nested
    class Center {

        @Test
        void isHalfwayEastwardsFromWest() {
            LatLngBox fiji = new LatLngBox(-18.3, 177.0, -16.0, -179.5);
            // 3.5 degrees wide from 177: the middle is 178.75
            assertThat(fiji.center().latDegrees()).isCloseTo(-17.15, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(fiji.center().lngDegrees()).isEqualTo(178.75);
            // 30 degrees wide from 170: the middle, 185, is -175
            assertThat(new LatLngBox(0, 170, 10, -160).center().lngDegrees()).isEqualTo(-175.0);
            assertThat(LatLngBox.world().center()).isEqualTo(LatLng.ofDegrees(0, 0));
            assertThat(new LatLngBox(0, 180, 10, -180).center().lngDegrees()).isEqualTo(180.0);
        }
    }

    @Nested
    class Diagonal {

        @Test
        void isTheCornerToCornerDistanceOfASmallBox() {
            // 1 by 1 degree at the equator: the diagonal (0, 0)-(1, 1) is about 157.2 km
            LatLngBox box = new LatLngBox(0, 0, 1, 1);
            assertMetersNear(Haversine.distanceMeters(0, 0, 1, 1), box.diagonalMeters(), 1e-6);
            assertThat(box.diagonalMeters()).isBetween(157_000.0, 157_400.0);
            // the same box across the antimeridian
            assertMetersNear(box.diagonalMeters(), new LatLngBox(0, 179.5, 1, -179.5).diagonalMeters(), 1e-6);
        }

        @Test
        void isADiameterOfAPolarCap() {
            // latitudes 80..90, all longitudes: two points at latitude 80 on opposite meridians are 20 degrees
            // of arc apart across the pole (2,224 km), not the zero length of the cap's seam
            assertMetersNear(20 * DEGREE_METERS, new LatLngBox(80, -180, 90, 180).diagonalMeters(), 1e-3);
            assertMetersNear(20 * DEGREE_METERS, new LatLngBox(-90, -180, -80, 180).diagonalMeters(), 1e-3);
            // any span of 180 degrees or more holds two opposite meridians: 190 here
            assertMetersNear(20 * DEGREE_METERS, new LatLngBox(-90, 0, -80, -170).diagonalMeters(), 1e-3);
        }

        @Test
        void reachesAcrossThePoleWhenTheBoxSpansHalfTheLongitudes() {
            // latitudes 10..20 and 190 degrees of longitude: (10, 0) and (10, 180) are 160 degrees apart
            assertMetersNear(160 * DEGREE_METERS, new LatLngBox(10, -100, 20, 90).diagonalMeters(), 1e-3);
            // straddling the equator, such a box holds antipodal points: half the circumference
            assertMetersNear(180 * DEGREE_METERS, new LatLngBox(-1, 0, 2, -170).diagonalMeters(), 1e-3);
            assertMetersNear(180 * DEGREE_METERS, LatLngBox.world().diagonalMeters(), 1e-3);
        }

        @Test
        void isTheLargestDistanceInAWideBoxAcrossTheEquator() {
            // latitudes -10..80, 170 degrees of longitude: the corners are 110 degrees apart and the ends of the
            // equator 170, but (-10, 0) and (10, 170) are 170.15 degrees apart (cos = -sin²10 + cos²10 cos 170)
            LatLngBox box = new LatLngBox(-10, 0, 80, 170);
            assertThat(box.diagonalMeters()).isGreaterThanOrEqualTo(Haversine.distanceMeters(-10, 0, 10, 170));
            assertThat(box.diagonalMeters()).isGreaterThan(170.15 * DEGREE_METERS);
        }

        /**
         * For random boxes, the diagonal is the largest distance between two of their points: a grid search
         * over pairs refined by a pattern search finds none farther, and comes within a millimetre of it.
         */
        @Test
        void isTheLargestDistanceBetweenTwoPointsOfTheBox() {
            Random random = new Random(8);
            for (int round = 0; round < 600; round++) {
                LatLngBox box = TestBoxes.box(random, round);
                double diagonal = box.diagonalMeters();
                double farthest = farthestPairMeters(box);
                double rounding = 1e-6 + 1e-8 * diagonal;
                assertThat(farthest).as("%s: a pair farther than the diagonal %s", box, diagonal)
                        .isLessThanOrEqualTo(diagonal + rounding);
                assertThat(farthest).as("%s: no pair as far as the diagonal %s", box, diagonal)
                        .isGreaterThanOrEqualTo(diagonal - 1e-3);
            }
        }
    }

    /**
     * The farthest pair of points in the box, by brute force: any two of its points are (lat1, 0) and
     * (lat2, dLng) up to a rotation about the axis, with lat1, lat2 in [south, north] and dLng in [0, span].
     */
    private static double farthestPairMeters(LatLngBox box) {
        double s = box.south();
        double n = box.north();
        double span = box.lngSpanDegrees();
        int steps = 16;
        double best = -1;
        double[] start = null;
        for (int i = 0; i <= steps; i++) {
            for (int j = 0; j <= steps; j++) {
                for (int k = 0; k <= steps; k++) {
                    double[] x = {s + (n - s) * i / steps, s + (n - s) * j / steps, span * k / steps};
                    double d = Haversine.distanceMeters(x[0], 0, x[1], x[2]);
                    if (d > best) {
                        best = d;
                        start = x;
                    }
                }
            }
        }
        // pattern search: move one coordinate at a time, halving the step when no move helps
        double[] x = start;
        double[] step = {(n - s) / steps, (n - s) / steps, span / steps};
        double[] lo = {s, s, 0};
        double[] hi = {n, n, span};
        while (step[0] + step[1] + step[2] > 1e-13) {
            boolean moved = false;
            for (int c = 0; c < 3; c++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] y = x.clone();
                    y[c] = Math.max(lo[c], Math.min(hi[c], y[c] + sign * step[c]));
                    double d = Haversine.distanceMeters(y[0], 0, y[1], y[2]);
                    if (d > best) {
                        best = d;
                        x = y;
                        moved = true;
                    }
                }
            }
            if (!moved) {
                for (int c = 0; c < 3; c++) {
                    step[c] /= 2;
                }
            }
        }
        return best;
    }
}
