package dev.proximity.geo;

import dev.proximity.geo.geohash.GeohashIndex;
import dev.proximity.geo.quadtree.Quadtree;
import dev.proximity.geo.s2.S2Index;

/** The three index implementations, for parameterised tests. */
public enum IndexKind {
    GEOHASH {
        @Override
        public PointIndex build(TestPoints p) {
            return GeohashIndex.build(p.ids, p.lat, p.lng);
        }
    },
    QUADTREE {
        @Override
        public PointIndex build(TestPoints p) {
            return Quadtree.build(p.ids, p.lat, p.lng);
        }
    },
    S2 {
        @Override
        public PointIndex build(TestPoints p) {
            return S2Index.build(p.ids, p.lat, p.lng);
        }
    };

    public abstract PointIndex build(TestPoints points);
}
