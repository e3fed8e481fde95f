package dev.proximity.geo.geohash;

import static dev.proximity.geo.GeoAssertions.assertDegreesNear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ch.hsr.geohash.GeoHash;
import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.TestPoints;
import dev.proximity.geo.geohash.Geohash.Direction;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GeohashTests {

    private static final int SAMPLES = 100_000;

    /** Our geohash against the independent ch.hsr:geohash implementation (test scope only). */
    @Nested
    class AgainstTheOracle {

        @Test
        void encodesLikeTheOracle() {
            TestPoints points = TestPoints.mixed(SAMPLES, 17);
            for (int i = 0; i < SAMPLES; i++) {
                int precision = 1 + i % Geohash.MAX_PRECISION;
                String ours = Geohash.encode(points.lat[i], points.lng[i], precision);
                String theirs = GeoHash.geoHashStringWithCharacterPrecision(points.lat[i], points.lng[i], precision);
                assertThat(ours).as("point %s, %s", points.lat[i], points.lng[i]).isEqualTo(theirs);
            }
        }

        @Test
        void decodesToTheOraclesBoundingBox() {
            Random random = new Random(18);
            for (int i = 0; i < SAMPLES; i++) {
                String hash = randomGeohash(random, 1 + random.nextInt(Geohash.MAX_PRECISION));
                BoundingBox ours = Geohash.decode(hash);
                ch.hsr.geohash.BoundingBox theirs = GeoHash.fromGeohashString(hash).getBoundingBox();
                assertThat(ours.minLatDegrees()).as(hash).isEqualTo(theirs.getSouthLatitude());
                assertThat(ours.maxLatDegrees()).as(hash).isEqualTo(theirs.getNorthLatitude());
                assertThat(ours.minLngDegrees()).as(hash).isEqualTo(theirs.getWestLongitude());
                assertThat(ours.maxLngDegrees()).as(hash).isEqualTo(theirs.getEastLongitude());
            }
        }

        /**
         * The oracle's neighbours (order N, NE, E, SE, S, SW, W, NW) wrap in latitude too: north of the top row it
         * returns the bottom row at the other pole. Ours clamp at the poles (see {@link Geohash}). So all eight
         * must agree except the three northern ones of a top-row cell and the three southern ones of a bottom-row
         * cell, where ours are the clamped cells; the random sample is forced to contain such pole-row cells.
         */
        @Test
        void findsTheOraclesNeighboursExceptBeyondThePoles() {
            Random random = new Random(19);
            int poleRowCells = 0;
            for (int i = 0; i < SAMPLES; i++) {
                int precision = 1 + random.nextInt(Geohash.MAX_PRECISION);
                String hash = i % 10 == 0
                        ? Geohash.encode(random.nextBoolean() ? 90.0 : -90.0, TestPoints.uniformLng(random), precision)
                        : randomGeohash(random, precision);
                List<String> ours = Geohash.neighbours(hash);
                GeoHash[] theirs = GeoHash.fromGeohashString(hash).getAdjacent();
                int row = (int) Geohash.latIndex(Geohash.toBits(hash), 5 * precision);
                int lastRow = (1 << ((5 * precision) / 2)) - 1;
                boolean topRow = row == lastRow;
                boolean bottomRow = row == 0;
                poleRowCells += topRow || bottomRow ? 1 : 0;
                for (Direction direction : Direction.values()) {
                    String theirsHash = theirs[direction.ordinal()].toBase32();
                    boolean beyondPole = (topRow && direction.latStep > 0) || (bottomRow && direction.latStep < 0);
                    if (beyondPole) {
                        Direction sideways = lngOnly(direction);
                        String clamped = sideways == null ? hash : Geohash.neighbour(hash, sideways);
                        assertThat(ours.get(direction.ordinal())).as("%s %s", hash, direction).isEqualTo(clamped);
                    } else {
                        assertThat(ours.get(direction.ordinal())).as("%s %s", hash, direction).isEqualTo(theirsHash);
                    }
                }
            }
            assertThat(poleRowCells).isGreaterThan(SAMPLES / 20);
        }

        /** N, NE, NW clamp to the pole row as "self", E, W; likewise S, SE, SW. */
        private static Direction lngOnly(Direction direction) {
            return switch (direction) {
                case NE, SE -> Direction.E;
                case NW, SW -> Direction.W;
                default -> null;
            };
        }
    }

    @Nested
    class Edges {

        @Test
        void encodesAKnownPoint() {
            // the geohash-java README example
            assertThat(Geohash.encode(LatLng.ofDegrees(57.64911, 10.40744), 11)).isEqualTo("u4pruydqqvj");
        }

        @Test
        void putsTheTwoSpellingsOfTheAntimeridianInOppositeColumns() {
            // +180 falls in the easternmost column, -180 in the westernmost: first characters x and 8 at the equator
            assertThat(Geohash.encode(0, 180, 1)).isEqualTo("x");
            assertThat(Geohash.encode(0, -180, 1)).isEqualTo("8");
        }

        @Test
        void wrapsEastWestAcrossTheAntimeridian() {
            String east = Geohash.encode(0.001, 179.9999, 6);
            String west = Geohash.encode(0.001, -179.9999, 6);
            assertThat(Geohash.neighbour(east, Direction.E)).isEqualTo(west);
            assertThat(Geohash.neighbour(west, Direction.W)).isEqualTo(east);
        }

        @Test
        void clampsAtThePoles() {
            String north = Geohash.encode(90, 10, 5);
            assertThat(Geohash.neighbour(north, Direction.N)).isEqualTo(north);
            assertThat(Geohash.neighbour(north, Direction.NE)).isEqualTo(Geohash.neighbour(north, Direction.E));
            String south = Geohash.encode(-90, 10, 5);
            assertThat(Geohash.neighbour(south, Direction.S)).isEqualTo(south);
            assertThat(Geohash.neighbour(south, Direction.SW)).isEqualTo(Geohash.neighbour(south, Direction.W));
        }

        @Test
        void decodesEveryPrecisionToACellContainingThePoint() {
            Random random = new Random(4);
            for (int i = 0; i < 10_000; i++) {
                double[] p = TestPoints.uniformSphere(random);
                for (int precision = 1; precision <= Geohash.MAX_PRECISION; precision++) {
                    assertThat(Geohash.decode(Geohash.encode(p[0], p[1], precision)).contains(p[0], p[1])).isTrue();
                }
            }
        }

        @Test
        void agreesBetweenStringsAndBits() {
            long bits = Geohash.encodeBits(47.3769, 8.5417, 60);
            assertThat(Geohash.toBase32(bits, 12)).isEqualTo(Geohash.encode(47.3769, 8.5417, 12));
            assertThat(Geohash.toBits("u0qj")).isEqualTo(Geohash.encodeBits(47.3769, 8.5417, 20));
            assertDegreesNear(Geohash.decode("u0qj").minLatDegrees(), Geohash.decodeBits(bits >>> 40, 20).minLatDegrees());
        }

        @Test
        void rejectsBadInput() {
            assertThatIllegalArgumentException().isThrownBy(() -> Geohash.encode(0, 0, 13));
            assertThatIllegalArgumentException().isThrownBy(() -> Geohash.encode(0, 0, 0));
            assertThatIllegalArgumentException().isThrownBy(() -> Geohash.decode("u4a")); // 'a' is not base32
            assertThatIllegalArgumentException().isThrownBy(() -> Geohash.encode(91, 0, 5));
        }
    }

    static String randomGeohash(Random random, int precision) {
        String alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
        StringBuilder sb = new StringBuilder(precision);
        for (int i = 0; i < precision; i++) {
            sb.append(alphabet.charAt(random.nextInt(32)));
        }
        return sb.toString();
    }
}
