package dev.proximity.search;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.proximity.geo.KeySort;

/**
 * The bulk of the searchable businesses in primitive columns, sorted by id with unique ids, so a row number is
 * also an id order and the immutable indexes can store row numbers as their point ids. Name and address live in
 * one UTF-8 byte arena (0xFF, which UTF-8 never uses, separates them; no separator means no address).
 *
 * The names' keyword forms ({@link Keywords#nameKeys}) live in a second arena, scanned by keyword searches.
 *
 * <p>Memory per business: 8 (id) + 16 (coordinates) + 8 (S2 leaf cell) + 12 (category, locality, schedule codes)
 * + 8 (text and keyword offsets) + 8 (keyword signature) + the UTF-8 bytes of name, address and name keys. Immutable after
 * {@link Builder#build()}.
 */
final class BaseTable {

    private static final byte SEPARATOR = (byte) 0xFF;

    private final long[] ids;
    private final double[] latitudes;
    private final double[] longitudes;
    private final long[] s2Cells;
    private final int[] categories;
    private final int[] localities;
    private final int[] schedules;
    private final int[] textStarts;
    private final byte[] text;
    private final int[] keyStarts;
    private final byte[] keys;
    /** Per row, {@link Keywords#signature} of its name keys: most keyword misses are decided here. */
    private final long[] signatures;
    private volatile ClusterIndex clusterIndex;

    private BaseTable(long[] ids, double[] latitudes, double[] longitudes, long[] s2Cells, int[] categories,
            int[] localities, int[] schedules, int[] textStarts, byte[] text, int[] keyStarts, byte[] keys,
            long[] signatures) {
        this.ids = ids;
        this.latitudes = latitudes;
        this.longitudes = longitudes;
        this.s2Cells = s2Cells;
        this.categories = categories;
        this.localities = localities;
        this.schedules = schedules;
        this.textStarts = textStarts;
        this.text = text;
        this.keyStarts = keyStarts;
        this.keys = keys;
        this.signatures = signatures;
    }

    static BaseTable empty() {
        return new Builder(0).build();
    }

    int size() {
        return ids.length;
    }

    long id(int row) {
        return ids[row];
    }

    double latitude(int row) {
        return latitudes[row];
    }

    double longitude(int row) {
        return longitudes[row];
    }

    /** The S2 leaf cell id of the row's position (as stored in {@code business.s2_cell}). */
    long s2Cell(int row) {
        return s2Cells[row];
    }

    int category(int row) {
        return categories[row];
    }

    int schedule(int row) {
        return schedules[row];
    }

    /** The rows in grid order for clusters, built on first use (or ahead of it, see {@link SearchState}). */
    ClusterIndex clusterIndex() {
        ClusterIndex index = clusterIndex;
        if (index == null) {
            synchronized (this) {
                index = clusterIndex;
                if (index == null) {
                    index = ClusterIndex.of(this);
                    clusterIndex = index;
                }
            }
        }
        return index;
    }

    /** Whether the row's name matches every token of {@code query} not already {@code satisfied}. */
    boolean nameMatches(int row, Keywords.Query query, long satisfied) {
        return query.matchesName(satisfied, keys, keyStarts[row], keyStarts[row + 1]);
    }

    long signature(int row) {
        return signatures[row];
    }

    /** Whether the row's name keys may hold every word whose signature bits are {@code required}. */
    boolean mayMatch(int row, long required) {
        return (signatures[row] & required) == required;
    }

    /** The row holding {@code id}, or -1. */
    int rowOf(long id) {
        int row = Arrays.binarySearch(ids, id);
        return row >= 0 ? row : -1;
    }

    /**
     * The row holding {@code id}, or -1, searching outwards from {@code hint} (a galloping search): looking up
     * ids in increasing order, each from the previous one's row, touches a few neighbouring entries instead of a
     * cache line per step of a binary search over every id. Ids of nearby businesses are often close (an import
     * numbers its rows in S2 cell order), so the ids of one cell are mostly a few rows apart.
     */
    int rowOf(long id, int hint) {
        int n = ids.length;
        if (hint < 0 || hint >= n) {
            return rowOf(id);
        }
        int low;
        int high;
        if (ids[hint] == id) {
            return hint;
        }
        if (ids[hint] < id) {
            int step = 1;
            low = hint + 1;
            high = hint + 1;
            while (high < n && ids[high] < id) {
                low = high + 1;
                high = hint + (step <<= 1);
            }
            high = Math.min(high, n - 1);
        } else {
            int step = 1;
            high = hint - 1;
            low = hint - 1;
            while (low >= 0 && ids[low] > id) {
                high = low - 1;
                low = hint - (step <<= 1);
            }
            low = Math.max(low, 0);
        }
        if (low > high) {
            return -1;
        }
        int row = Arrays.binarySearch(ids, low, high + 1, id);
        return row >= 0 ? row : -1;
    }

    BusinessRow row(int row) {
        int from = textStarts[row];
        int to = textStarts[row + 1];
        int separator = from;
        while (separator < to && text[separator] != SEPARATOR) {
            separator++;
        }
        String name = new String(text, from, separator - from, StandardCharsets.UTF_8);
        String address = separator == to ? null
                : new String(text, separator + 1, to - separator - 1, StandardCharsets.UTF_8);
        return new BusinessRow(ids[row], latitudes[row], longitudes[row], s2Cells[row], categories[row],
                localities[row], schedules[row], name, address,
                Arrays.copyOfRange(keys, keyStarts[row], keyStarts[row + 1]));
    }

    /** The column arrays the spatial indexes are built from (not copies: callers must not modify them). */
    long[] rowNumbers() {
        long[] rows = new long[ids.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }

    double[] latitudes() {
        return latitudes;
    }

    double[] longitudes() {
        return longitudes;
    }

    /** Heap held by the columns in bytes (array headers included). */
    long heapBytes() {
        long n = ids.length;
        ClusterIndex clusters = clusterIndex;
        return n * (8 + 8 + 8 + 8 + 4 + 4 + 4 + 4 + 4 + 8) + text.length + keys.length + 12 * 16
                + (clusters == null ? 0 : clusters.heapBytes());
    }

    /** Collects rows in any order; {@link #build()} sorts them by id and keeps the last row added per id. */
    static final class Builder {
        private long[] ids;
        private double[] latitudes;
        private double[] longitudes;
        private long[] s2Cells;
        private int[] categories;
        private int[] localities;
        private int[] schedules;
        private int[] textStarts;
        private byte[] text;
        private int[] keyStarts;
        private byte[] keys;
        private int size;
        private int textSize;
        private int keySize;

        Builder(int expectedRows) {
            int capacity = Math.max(16, expectedRows);
            ids = new long[capacity];
            latitudes = new double[capacity];
            longitudes = new double[capacity];
            s2Cells = new long[capacity];
            categories = new int[capacity];
            localities = new int[capacity];
            schedules = new int[capacity];
            textStarts = new int[capacity + 1];
            text = new byte[capacity * 32];
            keyStarts = new int[capacity + 1];
            keys = new byte[capacity * 24];
        }

        int size() {
            return size;
        }

        Builder add(BusinessRow row) {
            byte[] name = row.name().getBytes(StandardCharsets.UTF_8);
            byte[] address = row.address() == null ? null : row.address().getBytes(StandardCharsets.UTF_8);
            int length = name.length + (address == null ? 0 : address.length + 1);
            ensureCapacity(length, row.nameKeys().length);
            System.arraycopy(name, 0, text, textSize, name.length);
            if (address != null) {
                text[textSize + name.length] = SEPARATOR;
                System.arraycopy(address, 0, text, textSize + name.length + 1, address.length);
            }
            append(row.id(), row.latitude(), row.longitude(), row.s2Cell(), row.categoryCode(), row.localityCode(),
                    row.scheduleCode(), length, row.nameKeys(), 0, row.nameKeys().length);
            return this;
        }

        /** Copies one row of another table without decoding its text. */
        Builder addFrom(BaseTable table, int row) {
            int from = table.textStarts[row];
            int length = table.textStarts[row + 1] - from;
            int keyFrom = table.keyStarts[row];
            int keyLength = table.keyStarts[row + 1] - keyFrom;
            ensureCapacity(length, keyLength);
            System.arraycopy(table.text, from, text, textSize, length);
            append(table.ids[row], table.latitudes[row], table.longitudes[row], table.s2Cells[row],
                    table.categories[row], table.localities[row], table.schedules[row], length, table.keys, keyFrom,
                    keyLength);
            return this;
        }

        private void append(long id, double lat, double lng, long s2Cell, int category, int locality, int schedule,
                int textLength, byte[] nameKeys, int keyFrom, int keyLength) {
            ids[size] = id;
            latitudes[size] = lat;
            longitudes[size] = lng;
            s2Cells[size] = s2Cell;
            categories[size] = category;
            localities[size] = locality;
            schedules[size] = schedule;
            textStarts[size] = textSize;
            textSize += textLength;
            System.arraycopy(nameKeys, keyFrom, keys, keySize, keyLength);
            keyStarts[size] = keySize;
            keySize += keyLength;
            size++;
        }

        private void ensureCapacity(int textLength, int keyLength) {
            if (size == ids.length) {
                int capacity = ids.length * 2;
                ids = Arrays.copyOf(ids, capacity);
                latitudes = Arrays.copyOf(latitudes, capacity);
                longitudes = Arrays.copyOf(longitudes, capacity);
                s2Cells = Arrays.copyOf(s2Cells, capacity);
                categories = Arrays.copyOf(categories, capacity);
                localities = Arrays.copyOf(localities, capacity);
                schedules = Arrays.copyOf(schedules, capacity);
                textStarts = Arrays.copyOf(textStarts, capacity + 1);
                keyStarts = Arrays.copyOf(keyStarts, capacity + 1);
            }
            text = ensureArena(text, textSize, textLength);
            keys = ensureArena(keys, keySize, keyLength);
        }

        private static byte[] ensureArena(byte[] arena, int used, int adding) {
            long needed = (long) used + adding;
            if (needed <= arena.length) {
                return arena;
            }
            long capacity = Math.max(needed, (long) arena.length * 2);
            if (capacity > Integer.MAX_VALUE - 16) {
                capacity = Integer.MAX_VALUE - 16;
                if (needed > capacity) {
                    throw new IllegalStateException("business text exceeds 2 GiB");
                }
            }
            return Arrays.copyOf(arena, (int) capacity);
        }

        BaseTable build() {
            long[] sortedIds = Arrays.copyOf(ids, size);
            int[] order = KeySort.sortWithOrder(sortedIds);
            int unique = 0;
            for (int k = 0; k < size; k++) {
                // stable sort: among equal ids the last added comes last and wins
                if (k + 1 < size && sortedIds[k + 1] == sortedIds[k]) {
                    continue;
                }
                order[unique++] = order[k];
            }
            long[] outIds = new long[unique];
            double[] outLat = new double[unique];
            double[] outLng = new double[unique];
            long[] outS2 = new long[unique];
            int[] outCategories = new int[unique];
            int[] outLocalities = new int[unique];
            int[] outSchedules = new int[unique];
            int[] outStarts = new int[unique + 1];
            long textBytes = 0;
            for (int k = 0; k < unique; k++) {
                textBytes += textEnd(order[k]) - textStarts[order[k]];
            }
            byte[] outText = new byte[(int) textBytes];
            long keyBytes = 0;
            for (int k = 0; k < unique; k++) {
                keyBytes += keyEnd(order[k]) - keyStarts[order[k]];
            }
            byte[] outKeys = new byte[(int) keyBytes];
            int[] outKeyStarts = new int[unique + 1];
            int position = 0;
            int keyPosition = 0;
            for (int k = 0; k < unique; k++) {
                int source = order[k];
                outIds[k] = ids[source];
                outLat[k] = latitudes[source];
                outLng[k] = longitudes[source];
                outS2[k] = s2Cells[source];
                outCategories[k] = categories[source];
                outLocalities[k] = localities[source];
                outSchedules[k] = schedules[source];
                outStarts[k] = position;
                int length = textEnd(source) - textStarts[source];
                System.arraycopy(text, textStarts[source], outText, position, length);
                position += length;
                outKeyStarts[k] = keyPosition;
                int keyLength = keyEnd(source) - keyStarts[source];
                System.arraycopy(keys, keyStarts[source], outKeys, keyPosition, keyLength);
                keyPosition += keyLength;
            }
            outStarts[unique] = position;
            outKeyStarts[unique] = keyPosition;
            long[] outSignatures = new long[unique];
            for (int k = 0; k < unique; k++) {
                outSignatures[k] = Keywords.signature(outKeys, outKeyStarts[k], outKeyStarts[k + 1]);
            }
            return new BaseTable(outIds, outLat, outLng, outS2, outCategories, outLocalities, outSchedules, outStarts,
                    outText, outKeyStarts, outKeys, outSignatures);
        }

        private int textEnd(int row) {
            return row + 1 < size ? textStarts[row + 1] : textSize;
        }

        private int keyEnd(int row) {
            return row + 1 < size ? keyStarts[row + 1] : keySize;
        }
    }
}
