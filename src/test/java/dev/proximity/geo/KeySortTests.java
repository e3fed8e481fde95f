package dev.proximity.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeySortTests {

    @Test
    void sortsSignedKeysAndReportsWhereEachCameFrom() {
        Random random = new Random(8);
        long[] input = new long[10_000];
        for (int i = 0; i < input.length; i++) {
            input[i] = switch (i % 4) {
                case 0 -> random.nextLong();
                case 1 -> random.nextLong() >>> 4; // geohash-like 60-bit keys
                case 2 -> -1L - random.nextInt(5);  // negative, like S2 faces 4 and 5
                default -> input[Math.max(0, i - 1)]; // duplicates
            };
        }
        long[] keys = input.clone();
        int[] order = KeySort.sortWithOrder(keys);
        long[] expected = input.clone();
        Arrays.sort(expected);
        assertThat(keys).containsExactly(expected);
        for (int k = 0; k < keys.length; k++) {
            assertThat(input[order[k]]).isEqualTo(keys[k]);
        }
        for (int k = 1; k < keys.length; k++) {
            if (keys[k] == keys[k - 1]) {
                assertThat(order[k]).as("stable").isGreaterThan(order[k - 1]);
            }
        }
    }
}
