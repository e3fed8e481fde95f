package dev.proximity.search;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the matches of one query: applies the category and open-now filters, counts {@code total}, and keeps
 * the first {@code limit} matches after the page cursor in (distance, id) order with a bounded heap, so memory
 * stays {@code O(limit)} however many businesses lie in the circle. Not thread-safe (one per query).
 */
final class Matches {

    /** One match on the page: exact distance in metres, business id, and the handle to resolve it. */
    record Hit(double distanceMeters, long id, long handle) {
    }

    private final PageCursor after;
    private final int limit;
    private final int[] categoryCodes;
    private final Dictionary<String, OpeningSchedule> schedules;
    private final Instant openAt;
    private byte[] openCache = new byte[0];
    // bounded max-heap on (distance, id) in primitive arrays: the root is the worst kept match, so a match that
    // cannot enter costs one comparison and no allocation (a query may offer thousands)
    private final double[] heapDistances;
    private final long[] heapIds;
    private final long[] heapHandles;
    private int heapSize;
    private long total;
    private long remaining;

    /**
     * @param categoryCodes sorted codes to keep, or null for every category
     * @param openAt keep only businesses open at this instant, or null for no such filter
     */
    Matches(PageCursor after, int limit, int[] categoryCodes, Dictionary<String, OpeningSchedule> schedules,
            Instant openAt) {
        this.after = after;
        this.limit = limit;
        this.categoryCodes = categoryCodes;
        this.schedules = schedules;
        this.openAt = openAt;
        this.heapDistances = new double[limit];
        this.heapIds = new long[limit];
        this.heapHandles = new long[limit];
    }

    /** Whether {@link #offer} reads its category and schedule codes (a filter is set); if not, any value does. */
    boolean filters() {
        return categoryCodes != null || openAt != null;
    }

    void offer(double distanceMeters, long id, long handle, int categoryCode, int scheduleCode) {
        if (categoryCodes != null && Arrays.binarySearch(categoryCodes, categoryCode) < 0) {
            return;
        }
        if (openAt != null && !isOpen(scheduleCode)) {
            return;
        }
        total++;
        if (after != null && (distanceMeters < after.distanceMeters()
                || (distanceMeters == after.distanceMeters() && id <= after.id()))) {
            return;
        }
        remaining++;
        if (heapSize < limit) {
            siftUp(heapSize++, distanceMeters, id, handle);
        } else if (limit > 0 && worse(heapDistances[0], heapIds[0], distanceMeters, id)) {
            siftDown(heapSize, distanceMeters, id, handle);
        }
    }

    private static boolean worse(double distanceA, long idA, double distanceB, long idB) {
        return distanceA > distanceB || (distanceA == distanceB && idA > idB);
    }

    private void siftUp(int hole, double distance, long id, long handle) {
        int i = hole;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(distance, id, heapDistances[parent], heapIds[parent])) {
                break;
            }
            set(i, heapDistances[parent], heapIds[parent], heapHandles[parent]);
            i = parent;
        }
        set(i, distance, id, handle);
    }

    /** Puts the entry into the hole at the root of a heap of {@code size} entries and restores the order. */
    private void siftDown(int size, double distance, long id, long handle) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(heapDistances[child + 1], heapIds[child + 1], heapDistances[child],
                    heapIds[child])) {
                child++;
            }
            if (!worse(heapDistances[child], heapIds[child], distance, id)) {
                break;
            }
            set(i, heapDistances[child], heapIds[child], heapHandles[child]);
            i = child;
        }
        set(i, distance, id, handle);
    }

    private void set(int i, double distance, long id, long handle) {
        heapDistances[i] = distance;
        heapIds[i] = id;
        heapHandles[i] = handle;
    }

    private boolean isOpen(int scheduleCode) {
        if (scheduleCode < 0) {
            return false;
        }
        if (scheduleCode >= openCache.length) {
            openCache = Arrays.copyOf(openCache, Math.max(scheduleCode + 1, schedules.size()));
        }
        byte cached = openCache[scheduleCode];
        if (cached == 0) {
            OpeningSchedule schedule = schedules.decode(scheduleCode);
            cached = schedule != null && schedule.isOpenAt(openAt) ? (byte) 1 : (byte) 2;
            openCache[scheduleCode] = cached;
        }
        return cached == 1;
    }

    /** Matches in the circle after the filters, all pages together. */
    long total() {
        return total;
    }

    /** Whether more matches follow this page. */
    boolean hasMore() {
        return remaining > limit;
    }

    /** This page in (distance, id) order; call once, at the end (it empties the heap). */
    List<Hit> page() {
        Hit[] page = new Hit[heapSize];
        for (int end = heapSize - 1; end >= 0; end--) { // pop the worst into the last free slot
            page[end] = new Hit(heapDistances[0], heapIds[0], heapHandles[0]);
            siftDown(end, heapDistances[end], heapIds[end], heapHandles[end]);
        }
        heapSize = 0;
        return Arrays.asList(page);
    }
}
