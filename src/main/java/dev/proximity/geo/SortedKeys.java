package dev.proximity.geo;

/**
 * 64-bit keys sorted in signed order, with a prefix directory that turns a lower-bound search into a bisection of
 * one small bucket: {@code directory[p]} is the first row whose key prefix is {@code >= p}, where the prefix is the
 * top {@code directoryBits} of the key's offset from {@code lowestKey} in a key space of {@code keyBits} bits.
 * Used by the sorted-array indexes (geohash keys: 60 bits from 0; S2 leaf ids: all 64 bits from
 * {@link Long#MIN_VALUE}), whose range lookups would otherwise bisect the whole array (about 20 cache misses).
 *
 * <p>Immutable after construction (the key array is taken over, not copied): safe for concurrent readers.
 *
 * <pre>{@code
 * SortedKeys sorted = new SortedKeys(keys, 0, 60, 18); // keys already sorted
 * int from = sorted.lowerBound(cellMin);
 * }</pre>
 */
public final class SortedKeys {

    private final long[] keys;
    private final int[] directory;
    private final long lowestKey;
    private final int shift;
    private final int buckets;

    /**
     * @param sortedKeys keys in ascending signed order, each in {@code [lowestKey, lowestKey + 2^keyBits)}
     * @param lowestKey the smallest possible key
     * @param keyBits bits of the key space, 1 to 64
     * @param directoryBits bits of the prefix directory ({@code 4 << directoryBits} bytes), at most {@code keyBits}
     */
    public SortedKeys(long[] sortedKeys, long lowestKey, int keyBits, int directoryBits) {
        if (keyBits < 1 || keyBits > 64 || directoryBits < 1 || directoryBits > Math.min(keyBits, 30)) {
            throw new IllegalArgumentException("bad key or directory bits: " + keyBits + ", " + directoryBits);
        }
        this.keys = sortedKeys;
        this.lowestKey = lowestKey;
        this.shift = keyBits - directoryBits;
        this.buckets = 1 << directoryBits;
        this.directory = new int[buckets + 1];
        int row = 0;
        for (int p = 0; p <= buckets; p++) {
            while (row < keys.length && prefix(keys[row]) < p) {
                if (row > 0 && keys[row] < keys[row - 1]) {
                    throw new IllegalArgumentException("keys are not sorted at row " + row);
                }
                row++;
            }
            directory[p] = row;
        }
        if (row != keys.length) {
            throw new IllegalArgumentException("key " + keys[row] + " is outside the key space");
        }
    }

    private long prefix(long key) {
        return (key - lowestKey) >>> shift; // unsigned offset from the lowest key
    }

    public int size() {
        return keys.length;
    }

    public long key(int row) {
        return keys[row];
    }

    /** First row whose key is {@code >= key} (signed); bisects only the key's directory bucket. */
    public int lowerBound(long key) {
        if (key <= lowestKey) {
            return 0;
        }
        long p = prefix(key);
        if (p >= buckets) {
            return keys.length;
        }
        return lowerBound(keys, key, directory[(int) p], directory[(int) p + 1]);
    }

    /** First row whose key is {@code > key} (signed). */
    public int firstAbove(long key) {
        return key == Long.MAX_VALUE ? keys.length : lowerBound(key + 1);
    }

    /** First index in {@code [from, to)} of the sorted {@code keys} whose key is {@code >= key}, or {@code to}. */
    public static int lowerBound(long[] keys, long key, int from, int to) {
        int lo = from;
        int hi = to;
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

    /** Heap taken by the keys and the directory, in bytes. */
    public long heapBytes() {
        return 16 + 8L * keys.length + 16 + 4L * directory.length + 32;
    }
}
