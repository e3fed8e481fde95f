package dev.proximity.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.google.common.geometry.S2CellId;
import dev.proximity.geo.geohash.Geohash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cell read from memory holds exactly the businesses a prefix or range scan of the database would return, for
 * every cell level a search reads, with businesses at the poles, on the antimeridian and clustered so that some
 * cells hold many and small trees have leaves as wide as the world.
 */
class SnapshotTests {

    @Test
    void aCellFromMemoryHoldsExactlyTheBusinessesInIt() {
        Random random = new Random(17);
        CellKeys keys = new CellKeys(16);
        for (int size : new int[] {3, 2_000}) {
            List<BusinessRow> rows = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                double lat;
                double lng;
                switch (i % 5) {
                    case 0 -> { lat = random.nextBoolean() ? 90 : -90; lng = -180 + 360 * random.nextDouble(); }
                    case 1 -> { lat = -89 + 178 * random.nextDouble(); lng = random.nextBoolean() ? 180 : -180; }
                    case 2 -> { lat = 48.85 + random.nextGaussian() * 0.05; lng = 2.35 + random.nextGaussian() * 0.05; }
                    case 3 -> { lat = 89.9 + random.nextDouble() * 0.1; lng = 179.9 + random.nextDouble() * 0.1; }
                    default -> { lat = -90 + 180 * random.nextDouble(); lng = -180 + 360 * random.nextDouble(); }
                }
                rows.add(new BusinessRow(i + 1, lat, lng, CellKeysTests.s2Leaf(lat, lng), 0, -1, -1, "B", null));
            }
            BaseTable.Builder table = new BaseTable.Builder(size);
            rows.forEach(table::add);
            Snapshot snapshot = Snapshot.of(1, table.build());
            for (BusinessRow probe : rows) {
                if (size > 100 && probe.id() % 20 != 0) {
                    continue; // every cell of every point of the small set, a sample of the large one
                }
                for (long cell : keys.ofPoint(probe.latitude(), probe.longitude())) {
                    Set<Long> expected = new HashSet<>();
                    for (BusinessRow row : rows) {
                        if (inCell(cell, row)) {
                            expected.add(row.id());
                        }
                    }
                    List<Long> found = new ArrayList<>();
                    snapshot.visitCell(cell, (handle, lat, lng) -> found.add(snapshot.id(handle)));
                    assertThat(found).as("cell %x", cell).doesNotHaveDuplicates();
                    assertThat(new HashSet<>(found)).as("cell %x", cell).isEqualTo(expected);
                }
            }
        }
    }

    private static boolean inCell(long cell, BusinessRow row) {
        if (CellKeys.isGeohash(cell)) {
            int bits = CellKeys.geohashBits(cell);
            return Geohash.encodeBits(row.latitude(), row.longitude(), bits) == CellKeys.geohashValue(cell);
        }
        return new S2CellId(cell).contains(new S2CellId(row.s2Cell()));
    }
}
