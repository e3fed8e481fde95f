package dev.proximity.search;

import java.util.Random;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.geohash.Geohash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis view finds a cell's businesses by score range, so a point's score must lie in the range of exactly
 * the cells that hold it, at every level a search reads, on every S2 face (faces 4 and 5 have the top bit of
 * the id set), at the poles and on the antimeridian; and a score must be exact as a double.
 */
class CellKeysTests {

    static long s2Leaf(double lat, double lng) {
        return S2CellId.fromLatLng(S2LatLng.fromDegrees(lat, lng)).id();
    }

    @Test
    void aPointsScoreLiesInTheRangeOfEveryCellHoldingItAndOfNoCellOfTheCoverThatDoesNot() {
        CellKeys keys = new CellKeys(16);
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            double lat = i % 50 == 0 ? (random.nextBoolean() ? 90 : -90) : -90 + 180 * random.nextDouble();
            double lng = i % 40 == 0 ? (random.nextBoolean() ? 180 : -180) : -180 + 360 * random.nextDouble();
            long geohashScore = CellKeys.geohashScore(lat, lng);
            long s2Score = CellKeys.s2Score(s2Leaf(lat, lng));
            assertThat((double) geohashScore).isEqualTo(geohashScore);
            assertThat((long) (double) s2Score).isEqualTo(s2Score);
            for (long cell : keys.ofPoint(lat, lng)) {
                long score = CellKeys.isGeohash(cell) ? geohashScore : s2Score;
                long[] range = CellKeys.scoreRange(cell);
                assertThat(score).as("cell %x at %s, %s", cell, lat, lng).isBetween(range[0], range[1]);
            }
            // a geohash prefix of the 52-bit score is the geohash of that precision (the same bisections)
            for (int bits = 5; bits <= 50; bits += 5) {
                assertThat(geohashScore >>> (CellKeys.GEOHASH_SCORE_BITS - bits))
                        .isEqualTo(Geohash.encodeBits(lat, lng, bits));
            }
            LatLng center = LatLng.ofDegrees(Math.max(-89.9, Math.min(89.9, lat)), lng);
            for (IndexType index : new IndexType[] {IndexType.GEOHASH, IndexType.S2}) {
                int holding = 0;
                for (long cell : keys.cover(index, center, 1 + random.nextDouble() * 50_000)) {
                    long score = index == IndexType.GEOHASH ? CellKeys.geohashScore(center.latDegrees(), lng)
                            : CellKeys.s2Score(s2Leaf(center.latDegrees(), lng));
                    long[] range = CellKeys.scoreRange(cell);
                    if (score >= range[0] && score <= range[1]) {
                        holding++;
                    }
                }
                assertThat(holding).as("cover cells holding the centre, %s", index).isEqualTo(1);
            }
        }
    }
}
