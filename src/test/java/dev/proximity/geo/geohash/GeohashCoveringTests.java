package dev.proximity.geo.geohash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.TestPoints;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeohashCoveringTests {

    @Test
    void neverMissesAPointOnTheCircleItself() {
        Random random = new Random(21);
        GeohashCovering[] coverings = {GeohashCovering.adaptive(16), GeohashCovering.adaptiveBits(16),
                GeohashCovering.withPrecision(5)};
        for (int i = 0; i < 20_000; i++) {
            double[] c = TestPoints.uniformSphere(random);
            if (i % 5 == 0) {
                c[0] = Math.copySign(90 - random.nextDouble() * 0.5, c[0]);
            } else if (i % 5 == 1) {
                c[1] = Math.copySign(180 - random.nextDouble() * 0.5, c[1]);
            }
            double radiusMeters = Math.exp(random.nextDouble() * Math.log(50_000));
            LatLng center = LatLng.ofDegrees(c[0], c[1]);
            double[] p = TestPoints.destination(c[0], c[1], radiusMeters, random.nextDouble() * 2 * Math.PI);
            if (Haversine.distanceMeters(c[0], c[1], p[0], p[1]) > radiusMeters) {
                continue; // rounding put it just outside: not required
            }
            for (GeohashCovering covering : coverings) {
                GeohashCover cover = covering.cover(center, radiusMeters);
                long cell = Geohash.encodeBits(p[0], p[1], cover.bitCount());
                assertThat(java.util.Arrays.binarySearch(cover.cells(), cell)).as("circle %s r=%s", center, radiusMeters)
                        .isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void usesMoreThanTheThreeByThreeBlockForALargeCircleAtAFixedPrecision() {
        // precision 5 cells are about 4.9 km by 4.9 km at the equator; a 20 km circle spans about 9 by 9 of them
        GeohashCover cover = GeohashCovering.withPrecision(5).cover(LatLng.ofDegrees(0.1, 0.1), 20_000);
        assertThat(cover.size()).isBetween(50, 100);
        assertThat(cover.geohashes()).allMatch(h -> h.length() == 5);
    }

    @Test
    void choosesACoarserPrecisionAwayFromTheEquator() {
        GeohashCovering covering = GeohashCovering.adaptive(16);
        int atEquator = covering.cover(LatLng.ofDegrees(0, 10), 2_000).precision();
        int atSeventy = covering.cover(LatLng.ofDegrees(70, 10), 2_000).precision();
        assertThat(atSeventy).isLessThanOrEqualTo(atEquator);
        GeohashCovering bits = GeohashCovering.adaptiveBits(16);
        assertThat(bits.cover(LatLng.ofDegrees(70, 10), 2_000).bitCount())
                .isLessThan(bits.cover(LatLng.ofDegrees(0, 10), 2_000).bitCount());
    }

    @Test
    void takesWholePoleRowsAndBothSidesOfTheAntimeridian() {
        GeohashCover polar = GeohashCovering.withPrecision(3).cover(LatLng.ofDegrees(90, 0), 10_000);
        // precision 3 is 15 bits, 8 of them longitude: 256 columns; the 10 km circle stays in the pole row
        // (rows are 1.4 degrees high), which is taken whole
        assertThat(polar.size()).isEqualTo(256);
        List<String> across = GeohashCovering.withPrecision(6).cover(LatLng.ofDegrees(0, 179.999), 500).geohashes();
        assertThat(across).contains(Geohash.encode(0, -179.999, 6), Geohash.encode(0, 179.999, 6));
    }

    @Test
    void exposesStringsForThePrefixScan() {
        GeohashCover cover = GeohashCovering.withPrecision(4).cover(LatLng.ofDegrees(47.3769, 8.5417), 1_000);
        assertThat(cover.geohashes()).contains(Geohash.encode(47.3769, 8.5417, 4));
        assertThat(cover.geohashes()).isSorted();
    }
}
