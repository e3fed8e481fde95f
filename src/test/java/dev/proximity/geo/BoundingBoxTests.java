package dev.proximity.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BoundingBoxTests {

    @Nested
    class Around {

        @Test
        void isOneBoxAwayFromTheEdges() {
            List<BoundingBox> boxes = BoundingBox.around(LatLng.ofDegrees(60, 10), 10_000);
            assertThat(boxes).hasSize(1);
            BoundingBox box = boxes.get(0);
            // 10 km is 0.0899 degrees of latitude, and about twice that in longitude at latitude 60
            assertThat(box.maxLatDegrees() - 60).isCloseTo(0.0899, offset(1e-4));
            assertThat(box.maxLngDegrees() - 10).isCloseTo(0.1799, offset(1e-3));
        }

        @Test
        void splitsAtTheAntimeridian() {
            List<BoundingBox> boxes = BoundingBox.around(LatLng.ofDegrees(0, 179.999), 5_000);
            assertThat(boxes).hasSize(2);
            assertThat(boxes.get(0).maxLngDegrees()).isEqualTo(180.0);
            assertThat(boxes.get(1).minLngDegrees()).isEqualTo(-180.0);
            assertThat(boxes.get(1).contains(0, -179.999)).isTrue();
        }

        @Test
        void splitsWhenTheCentreIsExactlyOnTheAntimeridian() {
            for (double lng : new double[] {180, -180}) {
                List<BoundingBox> boxes = BoundingBox.around(LatLng.ofDegrees(10, lng), 1_000);
                assertThat(boxes).hasSize(2);
                assertThat(boxes).anyMatch(b -> b.contains(10, 180)).anyMatch(b -> b.contains(10, -180));
            }
        }

        @Test
        void becomesAPolarCapWhenTheCircleReachesAPole() {
            // 89.9 degrees is 11.1 km from the pole, so a 20 km circle contains it
            List<BoundingBox> boxes = BoundingBox.around(LatLng.ofDegrees(89.9, 30), 20_000);
            assertThat(boxes).hasSize(1);
            BoundingBox cap = boxes.get(0);
            assertThat(cap.maxLatDegrees()).isEqualTo(90);
            assertThat(cap.minLngDegrees()).isEqualTo(-180);
            assertThat(cap.maxLngDegrees()).isEqualTo(180);
            // 20 km is 0.17986 degrees of latitude
            assertThat(cap.minLatDegrees()).isCloseTo(89.9 - 0.17986, offset(1e-5));
            assertThat(BoundingBox.around(LatLng.ofDegrees(-90, 0), 1).get(0).minLngDegrees()).isEqualTo(-180);
        }

        @Test
        void rejectsNegativeAndHugeRadii() {
            assertThatIllegalArgumentException().isThrownBy(() -> BoundingBox.around(LatLng.ofDegrees(0, 0), -1));
            assertThatIllegalArgumentException().isThrownBy(() -> BoundingBox.around(LatLng.ofDegrees(0, 0), 3e7));
        }

        @Test
        void containsEveryPointOfRandomCircles() {
            Random random = new Random(11);
            for (int i = 0; i < 20_000; i++) {
                double[] c = TestPoints.uniformSphere(random);
                if (i % 4 == 0) {
                    c[0] = Math.copySign(90 - random.nextDouble(), c[0]);
                }
                double radiusMeters = Math.exp(random.nextDouble() * Math.log(50_000));
                // a point on the circle itself, the hardest case
                double[] p = TestPoints.destination(c[0], c[1], radiusMeters * 0.999_999,
                        random.nextDouble() * 2 * Math.PI);
                List<BoundingBox> boxes = BoundingBox.around(LatLng.ofDegrees(c[0], c[1]), radiusMeters);
                assertThat(boxes).as("circle at %s r=%s, point %s", c, radiusMeters, p)
                        .anyMatch(b -> b.contains(p[0], p[1]));
            }
        }
    }

    @Nested
    class MinDistance {

        @Test
        void isZeroInsideAndAlongTheMeridianOutsideInLatitude() {
            BoundingBox box = new BoundingBox(10, 20, 30, 40);
            assertThat(box.minDistanceMeters(LatLng.ofDegrees(15, 35))).isZero();
            // 1 degree of latitude is R * pi / 180 = 111,195 m
            GeoAssertions.assertMetersNear(111_195.08, box.minDistanceMeters(LatLng.ofDegrees(21, 35)), 0.01);
        }

        @Test
        void measuresAcrossTheAntimeridian() {
            BoundingBox box = new BoundingBox(-1, 1, -180, -179.999);
            GeoAssertions.assertMetersNear(111.195, box.minDistanceMeters(LatLng.ofDegrees(0, 179.999)), 0.001);
        }

        @Test
        void neverExceedsTheDistanceToAnySampledPointOfTheBox() {
            Random random = new Random(3);
            for (int i = 0; i < 5_000; i++) {
                double[] p = TestPoints.uniformSphere(random);
                double lat0 = random.nextDouble() * 170 - 90;
                double lat1 = Math.min(90, lat0 + random.nextDouble() * 20);
                double lng0 = random.nextDouble() * 350 - 180;
                double lng1 = Math.min(180, lng0 + random.nextDouble() * 40);
                double min = BoundingBox.minDistanceMeters(p[0], p[1], lat0, lat1, lng0, lng1);
                double sampledMin = Double.MAX_VALUE;
                for (int s = 0; s <= 20; s++) {
                    for (int t = 0; t <= 20; t++) {
                        double lat = lat0 + (lat1 - lat0) * s / 20;
                        double lng = lng0 + (lng1 - lng0) * t / 20;
                        sampledMin = Math.min(sampledMin, Haversine.distanceMeters(p[0], p[1], lat, lng));
                    }
                }
                // exact minimum: never above any sampled distance, and close to the best sample
                assertThat(min).isLessThanOrEqualTo(sampledMin + 1e-6);
                assertThat(min).isGreaterThanOrEqualTo(sampledMin - 2 * Haversine.distanceMeters(0, 0,
                        (lat1 - lat0) / 20, (lng1 - lng0) / 20) - 1e-6);
            }
        }
    }
}
