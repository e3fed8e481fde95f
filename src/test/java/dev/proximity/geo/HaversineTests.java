package dev.proximity.geo;

import static dev.proximity.geo.GeoAssertions.assertMetersNear;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HaversineTests {

    @Test
    void usesTheMeanEarthRadius() {
        assertThat(Haversine.EARTH_RADIUS_METERS).isEqualTo(6_371_008.8);
        // a quarter meridian, equator to pole, is R * pi / 2
        assertMetersNear(6_371_008.8 * Math.PI / 2, Haversine.distanceMeters(LatLng.ofDegrees(0, 0),
                LatLng.ofDegrees(90, 0)), GeoAssertions.ROUNDING_METERS);
    }

    @Test
    void measuresAcrossTheAntimeridian() {
        // 0.002 degrees of longitude on the equator: 0.002 * pi / 180 * R = 222.39 m
        assertMetersNear(222.390, Haversine.distanceMeters(LatLng.ofDegrees(0, 179.999),
                LatLng.ofDegrees(0, -179.999)), 0.001);
    }

    @Test
    void treatsBothSpellingsOfTheAntimeridianAsOneMeridian() {
        assertThat(Haversine.distanceMeters(LatLng.ofDegrees(10, 180), LatLng.ofDegrees(10, -180))).isZero();
    }

    @Test
    void treatsEveryLongitudeAtAPoleAsOnePoint() {
        assertThat(Haversine.distanceMeters(LatLng.ofDegrees(90, 0), LatLng.ofDegrees(90, 135))).isZero();
        assertThat(Haversine.distanceMeters(LatLng.ofDegrees(-90, -180), LatLng.ofDegrees(-90, 45))).isZero();
    }

    @Test
    void resolvesOneMeter() {
        // one metre north is 1 / R radians of latitude
        double oneMeterDegrees = Math.toDegrees(1.0 / Haversine.EARTH_RADIUS_METERS);
        assertMetersNear(1.0, Haversine.distanceMeters(LatLng.ofDegrees(47, 8),
                LatLng.ofDegrees(47 + oneMeterDegrees, 8)), 1e-6);
    }

    @Test
    void isSymmetricAndNeverNegative() {
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            double[] a = TestPoints.uniformSphere(random);
            double[] b = TestPoints.uniformSphere(random);
            double ab = Haversine.distanceMeters(a[0], a[1], b[0], b[1]);
            assertThat(ab).isBetween(0.0, Math.PI * Haversine.EARTH_RADIUS_METERS + 1e-6);
            assertThat(Haversine.distanceMeters(b[0], b[1], a[0], a[1])).isEqualTo(ab);
        }
    }
}
