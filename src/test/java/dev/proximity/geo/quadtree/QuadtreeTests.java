package dev.proximity.geo.quadtree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.geo.LatLng;
import dev.proximity.geo.Neighbor;
import dev.proximity.geo.NeighborQueryResult;
import dev.proximity.geo.TestPoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QuadtreeTests {

    @Nested
    class Shape {

        @Test
        void splitsLeavesAboveTheCapacity() {
            TestPoints points = TestPoints.mixed(20_000, 1);
            Quadtree tree = Quadtree.build(points.ids, points.lat, points.lng, 100);
            assertThat(tree.size()).isEqualTo(20_000);
            assertThat(tree.maxLeafSize()).isLessThanOrEqualTo(100);
            assertThat(tree.leafCountAndDepth()[0]).isGreaterThan(200);
        }

        @Test
        void stopsSplittingAtMaxDepthWhenPointsCoincide() {
            Quadtree tree = Quadtree.empty(4);
            for (int i = 0; i < 50; i++) {
                tree.insert(i, 47.0, 8.0); // fifty businesses in one building
            }
            assertThat(tree.size()).isEqualTo(50);
            assertThat(tree.leafCountAndDepth()[1]).isEqualTo(Quadtree.MAX_DEPTH);
            assertThat(tree.nearest(LatLng.ofDegrees(47, 8), 1, 100).matchCount()).isEqualTo(50);
        }

        @Test
        void insertsOneByOneIntoTheSameTreeAsABulkBuildFinds() {
            TestPoints points = TestPoints.mixed(5_000, 2);
            Quadtree built = Quadtree.build(points.ids, points.lat, points.lng, 16);
            Quadtree inserted = Quadtree.empty(16);
            for (int i = 0; i < points.size(); i++) {
                inserted.insert(points.ids[i], points.lat[i], points.lng[i]);
            }
            assertThat(inserted.maxLeafSize()).isLessThanOrEqualTo(16);
            Random random = new Random(3);
            for (int q = 0; q < 500; q++) {
                LatLng center = LatLng.ofDegrees(points.lat[q], points.lng[q]);
                double radiusMeters = random.nextDouble() * 50_000;
                assertThat(inserted.nearest(center, radiusMeters, 20))
                        .isEqualTo(withCandidates(built.nearest(center, radiusMeters, 20), inserted, center,
                                radiusMeters));
            }
        }

        private NeighborQueryResult withCandidates(NeighborQueryResult result, Quadtree tree, LatLng center,
                double radiusMeters) {
            // the two trees may offer different candidates; the answers must be the same
            return new NeighborQueryResult(result.neighbors(), tree.candidateIds(center, radiusMeters).length,
                    result.matchCount());
        }
    }

    @Nested
    class Changes {

        @Test
        void removesAPointGivenItsCoordinates() {
            Quadtree tree = Quadtree.build(new long[] {1, 2}, new double[] {10, 10.001}, new double[] {20, 20});
            assertThat(tree.remove(1, 10, 20)).isTrue();
            assertThat(tree.remove(1, 10, 20)).isFalse();
            assertThat(tree.remove(2, 10, 20)).as("wrong coordinates").isFalse();
            assertThat(tree.size()).isEqualTo(1);
            assertThat(tree.nearest(LatLng.ofDegrees(10, 20), 1_000, 10).neighbors()).extracting(Neighbor::id)
                    .containsExactly(2L);
        }

        @Test
        void movesAPointAcrossTheAntimeridian() {
            Quadtree tree = Quadtree.build(new long[] {7}, new double[] {0}, new double[] {179.999});
            assertThat(tree.move(7, 0, 179.999, 0, -179.999)).isTrue();
            assertThat(tree.nearest(LatLng.ofDegrees(0, -179.999), 1, 10).matchCount()).isEqualTo(1);
            assertThat(tree.nearest(LatLng.ofDegrees(0, 170), 1_000, 10).matchCount()).isZero();
            assertThat(tree.size()).isEqualTo(1);
        }

        @Test
        void emptiesCompletely() {
            TestPoints points = TestPoints.mixed(1_000, 4);
            Quadtree tree = Quadtree.build(points.ids, points.lat, points.lng, 8);
            for (int i = 0; i < points.size(); i++) {
                assertThat(tree.remove(points.ids[i], points.lat[i], points.lng[i])).isTrue();
            }
            assertThat(tree.size()).isZero();
            assertThat(tree.candidateIds(LatLng.ofDegrees(0, 0), 20_000_000)).isEmpty();
        }
    }

    /**
     * One writer moves 200 points back and forth inside a 20 km circle while readers query that circle. With
     * copy-on-write snapshots each reader must always see all 200 movers exactly once, plus every fixed point.
     */
    @Test
    void readersSeeEveryMoveWhollyOrNotAtAllWhileAWriterMovesPoints() throws Exception {
        int movers = 200;
        int fixed = 5_000;
        Random random = new Random(6);
        long[] ids = new long[movers + fixed];
        double[] lat = new double[ids.length];
        double[] lng = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
            double[] p = TestPoints.destination(0, 180, random.nextDouble() * 15_000, random.nextDouble() * 6.3);
            lat[i] = p[0];
            lng[i] = p[1];
        }
        Quadtree tree = Quadtree.build(ids, lat, lng, 8);
        LatLng center = LatLng.ofDegrees(0, 180);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int queries = 0;
                    while (!done.get() || queries < 100) {
                        long[] candidates = tree.candidateIds(center, 20_000);
                        Arrays.sort(candidates);
                        for (int i = 1; i < candidates.length; i++) {
                            assertThat(candidates[i]).as("duplicate").isNotEqualTo(candidates[i - 1]);
                        }
                        NeighborQueryResult result = tree.nearest(center, 20_000, 0);
                        assertThat(result.matchCount()).isEqualTo(movers + fixed);
                        assertThat(candidates.length).isGreaterThanOrEqualTo(movers + fixed);
                        queries++;
                    }
                    return queries;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                Random moves = new Random(7);
                for (int step = 0; step < 20_000; step++) {
                    int i = moves.nextInt(movers);
                    double[] p = TestPoints.destination(0, 180, moves.nextDouble() * 15_000, moves.nextDouble() * 6.3);
                    assertThat(tree.move(ids[i], lat[i], lng[i], p[0], p[1])).isTrue();
                    lat[i] = p[0];
                    lng[i] = p[1];
                }
                done.set(true);
            });
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(100);
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        assertThat(tree.size()).isEqualTo(movers + fixed);
    }
}
