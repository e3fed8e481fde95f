package dev.proximity.search;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The galloping lookup finds exactly what the plain binary search finds, from any hint. */
class BaseTableTests {

    @Test
    void gallopingLookupAgreesWithBinarySearchFromAnyHint() {
        Random random = new Random(3);
        for (int size : new int[] {0, 1, 2, 3, 17, 1000}) {
            BaseTable.Builder builder = new BaseTable.Builder(size);
            long id = 0;
            for (int i = 0; i < size; i++) {
                id += 1 + random.nextInt(3); // gaps, so absent ids exist between present ones
                builder.add(new BusinessRow(id, 0, 0, 0, 0, -1, -1, "B", null));
            }
            BaseTable table = builder.build();
            for (int q = 0; q < 5_000; q++) {
                long wanted = random.nextInt((int) id + 3) - 1;
                int hint = random.nextInt(size + 4) - 2;
                assertThat(table.rowOf(wanted, hint)).as("id %d from %d of %d", wanted, hint, size)
                        .isEqualTo(table.rowOf(wanted));
            }
        }
    }
}
