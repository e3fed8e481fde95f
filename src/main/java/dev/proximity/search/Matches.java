package dev.proximity.search;

import java.util.Arrays;
import java.util.List;

/**
 * Collects the matches of one query: applies its {@link SearchFilter}, counts {@code total}, and keeps
 * the first {@code limit} matches after the page cursor in (distance, id) order with a bounded heap, so memory
 * stays {@code O(limit)} however many businesses lie in the circle. Not thread-safe (one per query).
 */
final class Matches {

    /** One match on the page: exact distance in metres, business id, and the handle to resolve it. */
    record Hit(double distanceMeters, long id, long handle) {
    }

    private final PageCursor after;
    private final int limit;
    private final SearchFilter filter;
    // bounded max-heap on (distance, id) in primitive arrays: the root is the worst kept match, so a match that
    // cannot enter costs one comparison and no allocation (a query may offer thousands)
    private final double[] heapDistances;
    private final long[] heapIds;
    private final long[] heapHandles;
    private int heapSize;
    private long total;
    private long remaining;

    Matches(PageCursor after, int limit, SearchFilter filter) {
        this.after = after;
        this.limit = limit;
        this.filter = filter.filters() ? filter : null;
        this.heapDistances = new double[limit];
        this.heapIds = new long[limit];
        this.heapHandles = new long[limit];
    }

    /** Whether {@link #offer} reads its category and schedule codes (a filter is set); if not, any value does. */
    boolean filters() {
        return filter != null;
    }

    /**
     * Offers one business found by the search: its exact distance, id, handle in the query's snapshot (or
     * {@link Long#MIN_VALUE}), and filter codes.
     */
    void offer(double distanceMeters, long id, long handle, int categoryCode, int scheduleCode) {
        offer(distanceMeters, id, handle, categoryCode, scheduleCode, SearchFilter.UNKNOWN_SIGNATURE);
    }

    /** {@link #offer}, with the keyword signature of the business's name at hand (a cell entry carries it). */
    void offer(double distanceMeters, long id, long handle, int categoryCode, int scheduleCode, long signature) {
        if (filter != null && !filter.accepts(id, handle, categoryCode, scheduleCode, signature)) {
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
