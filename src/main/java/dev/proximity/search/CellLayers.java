package dev.proximity.search;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.LongStream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The cells geohash and S2 searches read, in three layers: a local layer on this instance (bounded in listings
 * and in age), the Redis view ({@link RedisView}, kept up to date from the change log), and this instance's
 * memory ({@link Snapshot#visitCell}), which always has every cell.
 *
 * <p><b>Exactness.</b> Every copy of a cell, local or from Redis, carries the log position it was exact at. A
 * search at snapshot position {@code s} uses a copy made at {@code p} only if {@code changedAt(cell) <= p <= s}
 * ({@link CellChanges}): no change touched the cell between the copy and the snapshot, and the copy is not
 * from a future the snapshot does not know; a Redis copy also only if {@code p} is a position this instance
 * published a snapshot at, where its marks are exact. So every cell of an answer is the cell as of {@code s}, whichever
 * layer it came from, and the answer equals the quadtree's on the same snapshot. A Redis read is one script that
 * returns the marker with the ranges, so the copy's position is the view's position at that instant; a view that
 * is busy, lagging, flushed or unreachable just means the cell comes from memory.
 */
final class CellLayers {

    /**
     * The businesses of one cell as of log position {@code asOf}, in primitive columns (id, position, filter
     * codes), which a search scans in order, with their handles in the snapshot whose base {@code table} they
     * were made with: a search of a snapshot on the same base resolves its page by handle, others by id (a
     * binary search over every id: a cache miss per step, too slow for every page). Immutable.
     */
    record CellEntry(long asOf, BaseTable table, long[] ids, long[] handles, double[] latitudes,
            double[] longitudes, int[] categories, int[] schedules, long[] signatures) {

        int size() {
            return ids.length;
        }
    }

    private final Cache<Long, CellEntry> local;
    private final CellChanges changes;
    private final RedisView view;
    private final CellKeys keys;
    private final Counter localHits;
    private final Counter localMisses;
    private final Counter redisHits;
    private final Counter redisMisses;
    private final Counter memoryFills;
    /** The view's partitions' markers as last seen by a read; null until one succeeded. */
    private volatile RedisView.Marker[] viewSeen;
    private volatile long viewCheckedNanos;

    /**
     * @param view null to read no Redis view (cells come from the local layer and memory only)
     */
    CellLayers(long localMaxListings, Duration localMaxAge, CellChanges changes, RedisView view, CellKeys keys,
            MeterRegistry meters) {
        this.local = Caffeine.newBuilder()
                .maximumWeight(localMaxListings)
                .weigher((Long cell, CellEntry entry) -> entry.size() + 1)
                .expireAfterWrite(localMaxAge)
                .build();
        this.changes = changes;
        this.view = view;
        this.keys = keys;
        this.localHits = counter(meters, "local", "hit");
        this.localMisses = counter(meters, "local", "miss");
        this.redisHits = counter(meters, "redis", "hit");
        this.redisMisses = counter(meters, "redis", "miss");
        this.memoryFills = counter(meters, "memory", "hit");
    }

    private static Counter counter(MeterRegistry meters, String layer, String result) {
        return Counter.builder("proximity.cells.requests")
                .description("Cells read by geohash and S2 searches, by the layer that had them")
                .tag("layer", layer).tag("result", result).register(meters);
    }

    CellKeys keys() {
        return keys;
    }

    /** The entries of {@code cells} (index-aligned), each exact as of the snapshot. */
    CellEntry[] entries(IndexType index, long[] cells, Snapshot snapshot) {
        CellEntry[] entries = new CellEntry[cells.length];
        int misses = 0;
        for (int i = 0; i < cells.length; i++) {
            CellEntry entry = local.getIfPresent(cells[i]);
            if (entry != null && exact(entry.asOf(), cells[i], snapshot)) {
                if (entry.table() != snapshot.table) {
                    // made on an older base table: resolve the handles once here, not per business per query
                    // (keyword filters read every candidate's name by handle)
                    CellEntry rehandled = rehandled(entry, snapshot);
                    local.asMap().replace(cells[i], entry, rehandled);
                    entry = rehandled;
                }
                entries[i] = entry;
            } else {
                misses++;
            }
        }
        localHits.increment(cells.length - misses);
        if (misses == 0) {
            return entries;
        }
        localMisses.increment(misses);
        long[] missing = new long[misses];
        for (int i = 0, m = 0; i < cells.length; i++) {
            if (entries[i] == null) {
                missing[m++] = cells[i];
            }
        }
        CellEntry[] fromRedis = fromRedis(index, missing, snapshot);
        for (int i = 0, m = 0; i < cells.length; i++) {
            if (entries[i] != null) {
                continue;
            }
            CellEntry filled = fromRedis == null ? null : fromRedis[m];
            if (filled == null) {
                filled = fromMemory(cells[i], snapshot);
                memoryFills.increment();
            }
            entries[i] = filled;
            // keep whichever copy is newer: a search on an older snapshot must not push out a newer copy
            local.asMap().merge(cells[i], filled, (old, fresh) -> fresh.asOf() >= old.asOf() ? fresh : old);
            m++;
        }
        return entries;
    }

    private boolean exact(long asOf, long cell, Snapshot snapshot) {
        return asOf <= snapshot.position && changes.changedAt(cell) <= asOf;
    }

    /** The cells the Redis view has exactly as of the snapshot (null per cell where it has not), or null. */
    private CellEntry[] fromRedis(IndexType index, long[] cells, Snapshot snapshot) {
        RedisView.Marker[] seen = currentView();
        if (seen == null || !usable(seen, snapshot.position)) {
            return null; // busy, absent, or ahead of this snapshot: memory is exact and close at hand
        }
        RedisView.CellsRead read = view.read(seen, index, cells);
        if (read == null) {
            redisMisses.increment(cells.length);
            return null;
        }
        viewSeen = read.markers();
        viewCheckedNanos = System.nanoTime();
        if (read.ids() == null || !usable(read.markers(), snapshot.position)) {
            redisMisses.increment(cells.length);
            return null;
        }
        // each partition's part is exact as of its own position, all of them published here and none past the
        // snapshot: a cell untouched since the lowest is the same at every one of them, and at the snapshot
        long at = Long.MAX_VALUE;
        for (RedisView.Marker marker : read.markers()) {
            if (!changes.isPublished(marker.position())) {
                // a position between two of this instance's snapshots: the cells a business passed through in
                // between were never marked here (see CellChanges), so the view's copy cannot be checked
                redisMisses.increment(cells.length);
                return null;
            }
            at = Math.min(at, marker.position());
        }
        CellEntry[] entries = new CellEntry[cells.length];
        int hits = 0;
        for (int i = 0; i < cells.length; i++) {
            if (exact(at, cells[i], snapshot)) {
                entries[i] = fromIds(at, read.ids()[i], snapshot);
                if (entries[i] != null) {
                    hits++;
                }
            }
        }
        redisHits.increment(hits);
        redisMisses.increment(cells.length - hits);
        return entries;
    }

    /** Whether every partition is ready and none is past {@code position}. */
    private static boolean usable(RedisView.Marker[] markers, long position) {
        for (RedisView.Marker marker : markers) {
            if (marker == null || !marker.ready() || marker.position() > position) {
                return false;
            }
        }
        return true;
    }

    /** The partitions' markers as last seen, refreshed at most every 250 ms while they are not all ready. */
    private RedisView.Marker[] currentView() {
        if (view == null) {
            return null;
        }
        RedisView.Marker[] seen = viewSeen;
        if ((seen == null || !usable(seen, Long.MAX_VALUE)) && System.nanoTime() - viewCheckedNanos > 250_000_000L) {
            viewCheckedNanos = System.nanoTime();
            seen = view.readMarkers(true);
            viewSeen = seen;
        }
        return seen;
    }

    /** An entry from the ids the view lists, with positions and codes from the snapshot; null if inconsistent. */
    private static CellEntry fromIds(long asOf, long[] ids, Snapshot snapshot) {
        Arrays.sort(ids);
        long[] handles = new long[ids.length];
        int hint = -1;
        for (int k = 0; k < ids.length; k++) {
            handles[k] = snapshot.handleOf(ids[k], hint);
            if (handles[k] == Long.MIN_VALUE) {
                return null; // the view lists a business this snapshot does not have: not the same state
            }
            hint = handles[k] >= 0 ? (int) handles[k] : hint;
        }
        return entryOf(asOf, handles, snapshot);
    }

    /** The same entry with handles in {@code snapshot}'s base table (the entry is exact as of the snapshot). */
    private static CellEntry rehandled(CellEntry entry, Snapshot snapshot) {
        long[] ids = entry.ids();
        long[] handles = new long[ids.length];
        for (int k = 0; k < ids.length; k++) {
            handles[k] = snapshot.handleOf(ids[k]);
        }
        return new CellEntry(entry.asOf(), snapshot.table, ids, handles, entry.latitudes(), entry.longitudes(),
                entry.categories(), entry.schedules(), entry.signatures());
    }

    private static CellEntry fromMemory(long cell, Snapshot snapshot) {
        LongStream.Builder handles = LongStream.builder();
        snapshot.visitCell(cell, (handle, lat, lng) -> handles.add(handle));
        return entryOf(snapshot.position, handles.build().toArray(), snapshot);
    }

    /** The entry of these businesses (handles in {@code snapshot}), exact as of {@code asOf}. */
    private static CellEntry entryOf(long asOf, long[] handles, Snapshot snapshot) {
        int n = handles.length;
        long[] ids = new long[n];
        double[] latitudes = new double[n];
        double[] longitudes = new double[n];
        int[] categories = new int[n];
        int[] schedules = new int[n];
        long[] signatures = new long[n];
        for (int k = 0; k < n; k++) {
            long handle = handles[k];
            ids[k] = snapshot.id(handle);
            latitudes[k] = snapshot.latitude(handle);
            longitudes[k] = snapshot.longitude(handle);
            categories[k] = snapshot.category(handle);
            schedules[k] = snapshot.schedule(handle);
            signatures[k] = snapshot.signature(handle);
        }
        return new CellEntry(asOf, snapshot.table, ids, handles, latitudes, longitudes, categories, schedules,
                signatures);
    }
}
