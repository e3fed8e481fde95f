package dev.proximity.search;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * For every cell a search may read, the change log position of the last change that touched it, as far as this
 * instance knows: what tells a search whether a copy of the cell made at some position (in the local layer, or
 * read from the Redis view) still holds. A copy made at position {@code p} is exact for a search at snapshot
 * position {@code s} when {@code changedAt(cell) <= p <= s}: nothing touched the cell between the copy and the
 * snapshot.
 *
 * <p>Marks are exact only between positions this instance published a snapshot at: a batch that applies several
 * entries at once marks the cells of each business's position before and after the batch, not of the positions
 * it passed through in between. So a copy made at a position this instance never published (a Redis view
 * written at another instance's batch boundaries) may list a business in a cell it only passed through, unseen
 * here; {@link #isPublished} tells whether a position is one of this instance's, and only such copies are used.
 *
 * <p>Positions are kept per stripe of cells (a hash of the cell), plus one floor for all cells, so the memory is
 * fixed; two cells in one stripe share the later position, which only costs a needless refill. The change feed
 * marks the cells of a batch <em>before</em> it publishes the batch's snapshot, so a search that reads a
 * snapshot at {@code s} then sees every mark up to {@code s}.
 */
final class CellChanges {

    private static final int STRIPES = 1 << 16;
    private static final int RECENT = 256;

    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private volatile long floor;
    /** The positions of the last {@value #RECENT} snapshots this instance published (a ring). */
    private final long[] recent = new long[RECENT];
    private int next;

    CellChanges() {
        java.util.Arrays.fill(recent, -1);
    }

    /** The position of the last change of {@code cell}, or a later one. */
    long changedAt(long cell) {
        return Math.max(floor, stripes.get(stripe(cell)));
    }

    /** Records that {@code cells} changed at {@code position}. */
    void mark(long[] cells, long position) {
        for (long cell : cells) {
            stripes.accumulateAndGet(stripe(cell), position, Math::max);
        }
    }

    /** Records that every cell changed at {@code position} (a full load, or a batch too large to list). */
    void markAll(long position) {
        if (position > floor) {
            floor = position;
        }
    }

    /** Records that this instance published a snapshot at {@code position} (its marks are exact up to it). */
    synchronized void publishedAt(long position) {
        recent[next] = position;
        next = (next + 1) % RECENT;
    }

    /** Whether this instance recently published a snapshot at {@code position}. */
    synchronized boolean isPublished(long position) {
        for (long p : recent) {
            if (p == position) {
                return true;
            }
        }
        return false;
    }

    private static int stripe(long cell) {
        long h = cell * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 48) & (STRIPES - 1);
    }
}
