package dev.proximity.bench;

import dev.proximity.bench.BusinessSetGenerator.BusinessSet;
import dev.proximity.bench.QuerySetGenerator.QuerySet;
import dev.proximity.geo.PointIndex;
import dev.proximity.geo.geohash.GeohashCovering;
import dev.proximity.geo.geohash.GeohashIndex;
import dev.proximity.geo.quadtree.Quadtree;
import dev.proximity.geo.s2.S2Covering;
import dev.proximity.geo.s2.S2Index;

/** The benchmark set of the issue (1,000,000 businesses, seed 42; 10,000 queries, seed 7) and index factories. */
final class BenchData {

    static final int BUSINESSES = 1_000_000;
    static final long BUSINESS_SEED = 42;
    static final int QUERIES = 10_000;
    static final long QUERY_SEED = 7;
    static final int LIMIT = 50;

    private BenchData() {
    }

    static BusinessSet businesses() {
        return BusinessSetGenerator.generate(BUSINESSES, BUSINESS_SEED);
    }

    static QuerySet queries() {
        return QuerySetGenerator.generate(QUERIES, QUERY_SEED);
    }

    /** The three indexes with their default settings. */
    enum Kind {
        GEOHASH, QUADTREE, S2;

        PointIndex build(BusinessSet set) {
            return switch (this) {
                case GEOHASH -> GeohashIndex.build(set.ids(), set.lat(), set.lng());
                case QUADTREE -> Quadtree.build(set.ids(), set.lat(), set.lng());
                case S2 -> S2Index.build(set.ids(), set.lat(), set.lng());
            };
        }

        /** The same index with a different cell budget (geohash, S2) or leaf capacity (quadtree). */
        PointIndex build(BusinessSet set, int tuning) {
            return switch (this) {
                case GEOHASH -> GeohashIndex.build(set.ids(), set.lat(), set.lng(), GeohashCovering.adaptiveBits(tuning));
                case QUADTREE -> Quadtree.build(set.ids(), set.lat(), set.lng(), tuning);
                case S2 -> S2Index.build(set.ids(), set.lat(), set.lng(), S2Covering.withMaxCells(tuning));
            };
        }
    }
}
