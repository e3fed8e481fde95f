package dev.proximity.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedKeysTests {

    @Test
    void findsTheSameBoundsAsAPlainBisectionOverTheWholeSignedRange() {
        Random random = new Random(11);
        long[] keys = new long[20_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 3 == 0 ? random.nextLong() : (i % 3 == 1 ? -1L - random.nextInt(50) : random.nextInt(50));
        }
        keys[0] = Long.MIN_VALUE;
        keys[1] = Long.MAX_VALUE;
        Arrays.sort(keys);
        SortedKeys sorted = new SortedKeys(keys.clone(), Long.MIN_VALUE, 64, 12);
        for (int q = 0; q < 20_000; q++) {
            long key = q % 4 == 0 ? keys[random.nextInt(keys.length)] : random.nextLong();
            if (q % 4 == 1) {
                key = random.nextInt(120) - 60;
            }
            assertThat(sorted.lowerBound(key)).as("lowerBound(%d)", key).isEqualTo(plainLowerBound(keys, key));
            long above = key == Long.MAX_VALUE ? keys.length : plainLowerBound(keys, key + 1);
            assertThat(sorted.firstAbove(key)).as("firstAbove(%d)", key).isEqualTo(above);
        }
        assertThat(sorted.lowerBound(Long.MIN_VALUE)).isZero();
        assertThat(sorted.firstAbove(Long.MAX_VALUE)).isEqualTo(keys.length);
    }

    @Test
    void handlesGeohashLikeKeysAndQueriesPastTheEndOfTheKeySpace() {
        Random random = new Random(12);
        long[] keys = new long[5_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong() >>> 4; // 60 bits
        }
        Arrays.sort(keys);
        SortedKeys sorted = new SortedKeys(keys.clone(), 0, 60, 18);
        for (long key : new long[] {0, 1, keys[100], keys[4_999], (1L << 60) - 1, 1L << 60, Long.MAX_VALUE, -5}) {
            assertThat(sorted.lowerBound(key)).as("lowerBound(%d)", key).isEqualTo(plainLowerBound(keys, key));
        }
    }

    @Test
    void rejectsKeysOutsideTheKeySpaceOrUnsorted() {
        assertThatThrownBy(() -> new SortedKeys(new long[] {1L << 60}, 0, 60, 18))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SortedKeys(new long[] {-1}, 0, 60, 18))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SortedKeys(new long[] {5, 3}, 0, 60, 18))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int plainLowerBound(long[] keys, long key) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
