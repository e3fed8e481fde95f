package dev.proximity.geo;

/**
 * Sorts 64-bit keys in signed order and reports the permutation, for bulk-building the sorted-array indexes.
 * A least-significant-digit radix sort on bytes: linear time, no boxing, and passes whose byte is equal for every
 * key are skipped (geohash keys use 60 bits, so their top byte pass is free). Not thread-safe; allocation-only.
 */
public final class KeySort {

    private KeySort() {
    }

    /**
     * Sorts {@code keys} in place (signed ascending) and returns {@code order} with {@code keys[k]} (after sorting)
     * having come from input position {@code order[k]}. The sort is stable.
     */
    public static int[] sortWithOrder(long[] keys) {
        int n = keys.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long[] keyBuffer = new long[n];
        int[] orderBuffer = new int[n];
        int[] counts = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            java.util.Arrays.fill(counts, 0);
            boolean top = shift == 56;
            for (int i = 0; i < n; i++) {
                counts[digit(keys[i], shift, top) + 1]++;
            }
            boolean skip = false;
            for (int b = 1; b <= 256; b++) {
                if (counts[b] == n) {
                    skip = true;
                    break;
                }
            }
            if (skip) {
                continue;
            }
            for (int b = 1; b <= 256; b++) {
                counts[b] += counts[b - 1];
            }
            for (int i = 0; i < n; i++) {
                int d = digit(keys[i], shift, top);
                int target = counts[d]++;
                keyBuffer[target] = keys[i];
                orderBuffer[target] = order[i];
            }
            System.arraycopy(keyBuffer, 0, keys, 0, n);
            int[] swap = order;
            order = orderBuffer;
            orderBuffer = swap;
        }
        return order;
    }

    private static int digit(long key, int shift, boolean top) {
        int d = (int) ((key >>> shift) & 0xFF);
        return top ? d ^ 0x80 : d; // flipping the sign bit turns signed order into unsigned byte order
    }
}
