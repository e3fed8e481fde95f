package dev.proximity.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Collects the matches of one query: applies the category and open-now filters, counts {@code total}, and keeps
 * the first {@code limit} matches after the page cursor in (distance, id) order with a bounded heap, so memory
 * stays {@code O(limit)} however many businesses lie in the circle. Not thread-safe (one per query).
 */
final class Matches {

    /** One match on the page: exact distance in metres, business id, and the handle to resolve it. */
    record Hit(double distanceMeters, long id, long handle) {
    }

    private static final java.util.Comparator<Hit> ORDER = (a, b) -> {
        int byDistance = Double.compare(a.distanceMeters(), b.distanceMeters());
        return byDistance != 0 ? byDistance : Long.compare(a.id(), b.id());
    };

    private final PageCursor after;
    private final int limit;
    private final int[] categoryCodes;
    private final Dictionary<String, OpeningSchedule> schedules;
    private final Instant openAt;
    private byte[] openCache = new byte[0];
    private final PriorityQueue<Hit> worstFirst;
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
        this.worstFirst = new PriorityQueue<>(limit + 1, ORDER.reversed());
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
        if (worstFirst.size() < limit) {
            worstFirst.add(new Hit(distanceMeters, id, handle));
            return;
        }
        Hit worst = worstFirst.peek();
        if (distanceMeters < worst.distanceMeters()
                || (distanceMeters == worst.distanceMeters() && id < worst.id())) {
            worstFirst.poll();
            worstFirst.add(new Hit(distanceMeters, id, handle));
        }
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

    /** This page in (distance, id) order. */
    List<Hit> page() {
        List<Hit> page = new ArrayList<>(worstFirst);
        page.sort(ORDER);
        return page;
    }
}
