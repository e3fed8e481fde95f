package dev.proximity.geo;

import static dev.proximity.geo.GeoAssertions.assertContainsAll;
import static dev.proximity.geo.GeoAssertions.assertDistinct;
import static dev.proximity.geo.GeoAssertions.assertMetersNear;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every index against the brute-force haversine oracle: the candidates must contain the whole answer (zero
 * misses), and {@link PointIndex#nearest} must return exactly the oracle's nearest points.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PointIndexOracleTests {

    private static final int POINTS = 100_000;
    private static final int CIRCLES = 10_000;
    private static final int LIMIT = 50;

    private TestPoints points;
    private BruteForceOracle oracle;
    private final Map<IndexKind, PointIndex> indexes = new EnumMap<>(IndexKind.class);
    private final List<LatLng> centers = new ArrayList<>();
    private final List<Double> radii = new ArrayList<>();
    private final List<List<Neighbor>> answers = new ArrayList<>();

    @BeforeAll
    void buildIndexesAndAnswers() {
        points = TestPoints.mixed(POINTS, 20_240_601L);
        oracle = new BruteForceOracle(points);
        for (IndexKind kind : IndexKind.values()) {
            indexes.put(kind, kind.build(points));
        }
        Random random = new Random(99);
        for (int q = 0; q < CIRCLES; q++) {
            LatLng center = randomCenter(random);
            // log-uniform radius from 1 m to 50 km
            double radiusMeters = Math.exp(random.nextDouble() * Math.log(50_000));
            centers.add(center);
            radii.add(radiusMeters);
            answers.add(oracle.within(center, radiusMeters));
        }
    }

    private LatLng randomCenter(Random random) {
        double u = random.nextDouble();
        if (u < 0.70) { // near an existing point, so most circles have answers
            int i = random.nextInt(points.size());
            double[] d = TestPoints.destination(points.lat[i], points.lng[i], random.nextDouble() * 2_000,
                    random.nextDouble() * 2 * Math.PI);
            return LatLng.ofDegrees(d[0], d[1]);
        }
        if (u < 0.80) {
            double[] s = TestPoints.uniformSphere(random);
            return LatLng.ofDegrees(s[0], s[1]);
        }
        if (u < 0.90) { // at or near a pole
            double lat = random.nextInt(3) == 0 ? 90.0 : 90.0 - random.nextDouble() * 0.6;
            return LatLng.ofDegrees(random.nextBoolean() ? lat : -lat, TestPoints.uniformLng(random));
        }
        double lng = random.nextInt(3) == 0 ? 180.0 : 180.0 - random.nextDouble() * 0.6;
        return LatLng.ofDegrees(random.nextDouble() * 170 - 85, random.nextBoolean() ? lng : -lng);
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void candidatesContainEveryPointInsideTheCircle(IndexKind kind) {
        PointIndex index = indexes.get(kind);
        assertThat(index.size()).isEqualTo(POINTS);
        long totalCandidates = 0;
        long totalAnswers = 0;
        for (int q = 0; q < CIRCLES; q++) {
            long[] candidates = index.candidateIds(centers.get(q), radii.get(q));
            List<Neighbor> answer = answers.get(q);
            String context = kind + " circle " + centers.get(q) + " r=" + radii.get(q) + " m";
            assertContainsAll(candidates, answer.stream().mapToLong(Neighbor::id).toArray(), context);
            assertDistinct(candidates, context);
            totalCandidates += candidates.length;
            totalAnswers += answer.size();
        }
        assertThat(totalAnswers).as("the fixture must produce answers").isGreaterThan(100_000);
        System.out.printf("%s: %d candidates for %d answers over %d circles: %.2f candidates per answer,"
                + " %.1f candidates per query%n", kind, totalCandidates, totalAnswers, CIRCLES,
                (double) totalCandidates / totalAnswers, (double) totalCandidates / CIRCLES);
    }

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void nearestReturnsTheOraclesClosestPoints(IndexKind kind) {
        PointIndex index = indexes.get(kind);
        for (int q = 0; q < CIRCLES; q++) {
            NeighborQueryResult result = index.nearest(centers.get(q), radii.get(q), LIMIT);
            List<Neighbor> answer = answers.get(q);
            assertThat(result.matchCount()).as("matches of circle %d", q).isEqualTo(answer.size());
            assertThat(result.neighbors()).hasSize(Math.min(LIMIT, answer.size()));
            for (int k = 0; k < result.neighbors().size(); k++) {
                // distances must agree rank by rank; ids may differ only between points at the same distance
                assertMetersNear(answer.get(k).distanceMeters(), result.neighbors().get(k).distanceMeters(),
                        GeoAssertions.ROUNDING_METERS);
            }
            Map<Long, Double> expectedDistances = new HashMap<>();
            answer.forEach(n -> expectedDistances.put(n.id(), n.distanceMeters()));
            for (Neighbor neighbor : result.neighbors()) {
                assertThat(expectedDistances).as("circle %d", q).containsEntry(neighbor.id(), neighbor.distanceMeters());
            }
        }
    }

    @Nested
    class NamedCases {

        @ParameterizedTest
        @EnumSource(IndexKind.class)
        void findsAPointAcrossTheAntimeridian(IndexKind kind) {
            // (0, 179.999) and (0, -179.999) are 0.002 degrees of longitude apart at the equator: about 222 m
            PointIndex index = kind.build(fixture(new double[][] {{0, -179.999}, {0, 179.0}, {0, -179.9}}));
            NeighborQueryResult result = index.nearest(LatLng.ofDegrees(0, 179.999), 5_000, 10);
            assertThat(result.neighbors()).extracting(Neighbor::id).containsExactly(1L);
            assertMetersNear(222.39, result.neighbors().get(0).distanceMeters(), 0.01);
        }

        @ParameterizedTest
        @EnumSource(IndexKind.class)
        void findsPointsOnEveryMeridianAroundTheNorthPole(IndexKind kind) {
            // 36 points 0.05 degrees (about 5.6 km) from the pole, one every 10 degrees of longitude,
            // plus the pole itself written with two longitudes, and one point 0.2 degrees away (22 km): outside
            List<double[]> coords = new ArrayList<>();
            for (int lng = -180; lng < 180; lng += 10) {
                coords.add(new double[] {89.95, lng});
            }
            coords.add(new double[] {90, 0});
            coords.add(new double[] {90, 180});
            coords.add(new double[] {89.8, 33});
            PointIndex index = kind.build(fixture(coords.toArray(double[][]::new)));
            for (double centerLng : new double[] {0, 180, -180, 77}) {
                NeighborQueryResult result = index.nearest(LatLng.ofDegrees(90, centerLng), 10_000, 100);
                assertThat(result.matchCount()).isEqualTo(38);
                assertThat(result.neighbors().get(0).distanceMeters()).isZero();
                assertThat(result.neighbors()).extracting(Neighbor::id).doesNotContain(39L);
            }
        }

        @ParameterizedTest
        @EnumSource(IndexKind.class)
        void resolvesAOneMeterCircle(IndexKind kind) {
            // 0.000008 degrees of latitude is about 0.89 m, 0.00001 degrees about 1.11 m
            PointIndex index = kind.build(fixture(new double[][] {{47.0, 8.0}, {47.000008, 8.0}, {47.00001, 8.0}}));
            NeighborQueryResult result = index.nearest(LatLng.ofDegrees(47.0, 8.0), 1.0, 10);
            assertThat(result.neighbors()).extracting(Neighbor::id).containsExactly(1L, 2L);
        }

        @ParameterizedTest
        @EnumSource(IndexKind.class)
        void coversA50KmCircleAtLatitude80(IndexKind kind) {
            // at latitude 80 a degree of longitude is only about 19.3 km, so 50 km spans about 2.6 degrees east-west
            List<double[]> coords = new ArrayList<>();
            Random random = new Random(5);
            for (int i = 0; i < 5_000; i++) {
                double[] d = TestPoints.destination(80, 20, random.nextDouble() * 60_000, random.nextDouble() * 6.3);
                coords.add(d);
            }
            TestPoints fixture = fixture(coords.toArray(double[][]::new));
            PointIndex index = kind.build(fixture);
            LatLng center = LatLng.ofDegrees(80, 20);
            List<Neighbor> expected = new BruteForceOracle(fixture).within(center, 50_000);
            NeighborQueryResult result = index.nearest(center, 50_000, 5_000);
            assertThat(expected.size()).isGreaterThan(3_000);
            assertThat(result.matchCount()).isEqualTo(expected.size());
            assertThat(result.neighbors()).extracting(Neighbor::id)
                    .containsExactlyElementsOf(expected.stream().map(Neighbor::id).toList());
        }

        @ParameterizedTest
        @EnumSource(IndexKind.class)
        void acceptsCentresExactlyAtThePolesAndTheAntimeridian(IndexKind kind) {
            PointIndex index = kind.build(fixture(new double[][] {{-90, 45}, {-89.99, -180}, {10, 180}, {10, -180}}));
            assertThat(index.nearest(LatLng.ofDegrees(-90, -180), 2_000, 10).matchCount()).isEqualTo(2);
            assertThat(index.nearest(LatLng.ofDegrees(10, 180), 1, 10).matchCount()).isEqualTo(2);
            assertThat(index.nearest(LatLng.ofDegrees(10, -180), 0, 10).matchCount()).isEqualTo(2);
        }
    }

    private static TestPoints fixture(double[][] coords) {
        long[] ids = new long[coords.length];
        double[] lat = new double[coords.length];
        double[] lng = new double[coords.length];
        for (int i = 0; i < coords.length; i++) {
            ids[i] = i + 1;
            lat[i] = coords[i][0];
            lng[i] = coords[i][1];
        }
        return TestPoints.of(ids, lat, lng);
    }
}
