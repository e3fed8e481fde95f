package dev.proximity.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;

/**
 * Cell → businesses for the geohash and S2 searches, in three layers: a bounded local layer on this instance
 * (Caffeine, weighed in businesses listed; each entry carries its businesses, so a warm search makes no remote call
 * at all; a business listed by several cells is one shared object), Redis ({@link SharedCells}: cell → ids and
 * versions, id → business object), and the database (one query of prefix/range scans for all missing cells).
 * A search that misses locally costs at most three Redis round trips (read cells; read business objects; write
 * back) and at most two database queries per kind of read.
 *
 * <p><b>Coherence.</b> A business lies in exactly one cell per cached level (geohash 4, 5, 6; S2 0..max), so a
 * write touches the cells of its old and of its new position ({@link CellKeys#ofPoint}) and nothing else:
 * <ol>
 * <li>The write commits on the primary.</li>
 * <li>The writer ({@code CellCacheEvictor}, before the change is published) runs one Redis script: for each of
 * those cells, set its version to Redis's clock in ms (strictly increasing), delete the cell; delete the
 * business object. If Redis cannot be reached, the writer moves everyone to a new epoch as soon as it can (a
 * fresh key namespace), and until then its own instance does not use Redis.</li>
 * <li>The change is published; every instance (the writer in its own thread) re-reads the business, applies it
 * to its in-memory state and quadtree, and drops the local entries of the old and new cells
 * ({@link #invalidate}).</li>
 * </ol>
 * <b>Fill race</b> (a reader fills a cell from the database while a write lands): the reader reads the cell's
 * version together with the cell (same round trip, before its database query) and stores the cell with a
 * compare-and-set on that version; a write in between has bumped it, so the pre-write cell is not stored. The
 * local layer does the same with striped counters: an invalidation bumps the cell's stripe before removing the
 * entry, and a filler that finds the stripe changed after its put removes what it put.
 * <b>Lagging replica</b>: a cell whose version is younger than {@code replica-max-lag} (by Redis's clock) is read
 * from the primary, never from a replica that may not have replayed the write; so is everything while Redis is
 * not usable (no versions to tell). <b>Business objects</b> are used only when their version equals the one the
 * (CAS-protected) cell lists; otherwise they are re-read, so a stale object can never join a fresh cell.
 * <b>Outage</b>: while the change channel is down Redis is not used at all (another instance's write may not have
 * evicted it), the local layer is kept fresh by the database catch-up ({@code BusinessChangeRelay}), and misses go
 * to the primary. When the channel is back the instance bumps the epoch, so no cell written before or during the
 * outage is read again; the other instances adopt the new epoch from the channel.
 */
class CellCache {

    /**
     * The businesses of one cell (an empty cell is cached too), with their ids and positions also in primitive
     * columns: a search reads those for every candidate in order, and touches the row objects, scattered over the
     * heap, only for the page it answers and for the filters. Immutable.
     */
    static final class CellEntry {

        private final BusinessRow[] rows;
        private final long[] ids;
        private final double[] latitudes;
        private final double[] longitudes;

        CellEntry(BusinessRow[] rows) {
            this.rows = rows;
            this.ids = new long[rows.length];
            this.latitudes = new double[rows.length];
            this.longitudes = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                ids[k] = rows[k].id();
                latitudes[k] = rows[k].latitude();
                longitudes[k] = rows[k].longitude();
            }
        }

        int size() {
            return rows.length;
        }

        BusinessRow row(int k) {
            return rows[k];
        }

        long id(int k) {
            return ids[k];
        }

        double latitude(int k) {
            return latitudes[k];
        }

        double longitude(int k) {
            return longitudes[k];
        }
    }

    private static final CellEntry EMPTY = new CellEntry(new BusinessRow[0]);
    private static final int STRIPES = 1024;

    private final Cache<Long, CellEntry> local;
    /**
     * One object per distinct business row, shared by every cell entry that lists it: a business sits in a cell of
     * each cached level (three geohash precisions, S2 levels up to 16), so without this the local layer would hold
     * a copy of it, text and all, per level. Weak: a row lives as long as some cached cell lists it.
     */
    private final Interner<BusinessRow> rows = Interners.newWeakInterner();
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final SharedCells shared;
    private final BusinessRowLoader loader;
    private final SearchState state;
    private final CellKeys keys;
    private final CacheMetrics metrics;
    private final long replicaMaxLagMillis;
    /** Redis may be used: subscribed to the change channel and on a current epoch. */
    private volatile boolean sharedUsable;
    /** An eviction failed: the next chance moves everyone to a new epoch before Redis is used again. */
    private volatile boolean epochStale;

    CellCache(long localMaxBusinesses, SharedCells shared, BusinessRowLoader loader, SearchState state,
            CellKeys keys, CacheMetrics metrics, long replicaMaxLagMillis) {
        this.local = Caffeine.newBuilder()
                .maximumWeight(localMaxBusinesses)
                .weigher((Long cell, CellEntry entry) -> entry.size() + 1)
                .build();
        this.shared = shared;
        this.loader = loader;
        this.state = state;
        this.keys = keys;
        this.metrics = metrics;
        this.replicaMaxLagMillis = replicaMaxLagMillis;
    }

    CellKeys keys() {
        return keys;
    }

    SharedCells shared() {
        return shared;
    }

    /** The entries of {@code cells}, index-aligned: from the local layer, else Redis, else the database. */
    CellEntry[] entries(long[] cells) {
        CellEntry[] entries = new CellEntry[cells.length];
        int misses = 0;
        for (int i = 0; i < cells.length; i++) {
            CellEntry entry = local.getIfPresent(cells[i]);
            if (entry == null) {
                misses++;
            } else {
                entries[i] = entry;
            }
        }
        metrics.local(cells.length - misses, misses);
        if (misses == 0) {
            return entries;
        }
        long[] missing = new long[misses];
        long[] stamps = new long[misses];
        int[] positions = new int[misses];
        for (int i = 0, m = 0; i < cells.length; i++) {
            if (entries[i] == null) {
                missing[m] = cells[i];
                stamps[m] = stripes.get(stripe(cells[i]));
                positions[m++] = i;
            }
        }
        CellEntry[] filled = fill(missing);
        for (int m = 0; m < misses; m++) {
            entries[positions[m]] = filled[m];
            local.put(missing[m], filled[m]);
            if (stripes.get(stripe(missing[m])) != stamps[m]) {
                local.invalidate(missing[m]); // invalidated while we were filling: maybe the pre-write cell
            }
        }
        return entries;
    }

    /** Drops the local entries of every cell holding this point (a business was or is there). */
    void invalidate(double latDegrees, double lngDegrees) {
        for (long cell : keys.ofPoint(latDegrees, lngDegrees)) {
            stripes.incrementAndGet(stripe(cell));
            local.invalidate(cell);
        }
    }

    /** Drops the whole local layer. */
    void invalidateAll() {
        for (int i = 0; i < STRIPES; i++) {
            stripes.incrementAndGet(i);
        }
        local.invalidateAll();
    }

    /** Redis may be used again (subscribed, epoch current) or not. */
    void sharedUsable(boolean usable) {
        sharedUsable = usable;
    }

    /** Called by the writer after commit; false if Redis missed the eviction. */
    void evictShared(long businessId, double[] before, double[] after) {
        if (!sharedUsable && !epochStale) {
            epochStale = true; // Redis is not trusted now; it gets a new epoch when it is back
            return;
        }
        long[] cells = cellsOf(before, after);
        if (!shared.evict(cells, businessId)) {
            epochStale = true;
        }
    }

    /** Redis is not to be trusted until everyone has moved to a new epoch. */
    void markEpochStale() {
        epochStale = true;
    }

    /** Moves every instance to a new epoch (fresh cell namespace) and announces it; false if Redis is away. */
    boolean renewEpoch() {
        Long epoch = shared.bumpEpoch();
        if (epoch == null || !shared.announceEpoch(epoch)) {
            epochStale = true;
            return false;
        }
        epochStale = false;
        return true;
    }

    private long[] cellsOf(double[] before, double[] after) {
        long[] a = before == null ? new long[0] : keys.ofPoint(before[0], before[1]);
        long[] b = after == null ? new long[0] : keys.ofPoint(after[0], after[1]);
        long[] all = new long[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return java.util.Arrays.stream(all).distinct().toArray();
    }

    private CellEntry[] fill(long[] cells) {
        CellEntry[] entries = new CellEntry[cells.length];
        if (epochStale && sharedUsable) {
            renewEpoch();
        }
        boolean useShared = sharedUsable && !epochStale;
        SharedCells.CellsRead read = useShared ? shared.readCells(cells) : null;
        List<Integer> fromDatabase = new ArrayList<>();
        List<Integer> fromRedis = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            if (read != null && read.values()[i] != null) {
                fromRedis.add(i);
            } else {
                fromDatabase.add(i);
            }
        }
        if (read != null) {
            metrics.redisCells(fromRedis.size(), fromDatabase.size());
        }
        List<BusinessDocument> businessesToStore = new ArrayList<>();
        if (!fromRedis.isEmpty()) {
            fillFromRedis(cells, read, fromRedis, entries, businessesToStore, fromDatabase);
        }
        long[] storeCells = new long[0];
        String[] storeVersions = new String[0];
        String[] storeValues = new String[0];
        if (!fromDatabase.isEmpty()) {
            List<Integer> recent = new ArrayList<>();
            List<Integer> settled = new ArrayList<>();
            for (int i : fromDatabase) {
                String version = read == null ? null : read.versions()[i];
                boolean young = read == null
                        || version != null && read.nowMillis() - Long.parseLong(version) < replicaMaxLagMillis;
                (young ? recent : settled).add(i);
            }
            Map<Long, List<BusinessDocument>> byCell = new HashMap<>();
            loadCells(cells, recent, true, byCell);
            loadCells(cells, settled, false, byCell);
            storeCells = new long[fromDatabase.size()];
            storeVersions = new String[fromDatabase.size()];
            storeValues = new String[fromDatabase.size()];
            int s = 0;
            for (int i : fromDatabase) {
                List<BusinessDocument> documents = byCell.getOrDefault(cells[i], List.of());
                entries[i] = entry(documents);
                storeCells[s] = cells[i];
                storeVersions[s] = read == null ? null : read.versions()[i];
                storeValues[s++] = encode(documents);
                businessesToStore.addAll(documents);
            }
        }
        if (useShared && read != null && (storeCells.length > 0 || !businessesToStore.isEmpty())) {
            shared.fill(storeCells, storeVersions, storeValues, businessesToStore);
        }
        return entries;
    }

    /** Cells Redis had: their business objects from Redis where the version matches, else from the database. */
    private void fillFromRedis(long[] cells, SharedCells.CellsRead read, List<Integer> fromRedis, CellEntry[] entries,
            List<BusinessDocument> businessesToStore, List<Integer> fromDatabase) {
        Map<Integer, long[][]> listed = new HashMap<>();
        int total = 0;
        for (int i : fromRedis) {
            long[][] idsAndVersions = decode(read.values()[i]);
            listed.put(i, idsAndVersions);
            total += idsAndVersions[0].length;
        }
        long[] ids = new long[total];
        long[] versions = new long[total];
        int t = 0;
        for (int i : fromRedis) {
            long[][] idsAndVersions = listed.get(i);
            System.arraycopy(idsAndVersions[0], 0, ids, t, idsAndVersions[0].length);
            System.arraycopy(idsAndVersions[1], 0, versions, t, idsAndVersions[1].length);
            t += idsAndVersions[0].length;
        }
        Map<Long, BusinessDocument> documents = new HashMap<>();
        if (total > 0) {
            BusinessDocument[] cached = shared.readBusinesses(ids);
            List<Long> missingIds = new ArrayList<>();
            int hits = 0;
            for (int k = 0; k < total; k++) {
                BusinessDocument document = cached == null ? null : cached[k];
                if (document != null && document.version() == versions[k]) {
                    documents.put(ids[k], document);
                    hits++;
                } else {
                    missingIds.add(ids[k]);
                }
            }
            metrics.redisBusinesses(hits, total - hits);
            if (!missingIds.isEmpty()) {
                Map<Long, Long> expected = new HashMap<>();
                for (int k = 0; k < total; k++) {
                    expected.put(ids[k], versions[k]);
                }
                List<Long> behind = new ArrayList<>();
                for (BusinessDocument document : loader.loadDocuments(toArray(missingIds), false)) {
                    if (document.version() < expected.get(document.id())) {
                        behind.add(document.id()); // the replica has not replayed this write yet
                    } else {
                        documents.put(document.id(), document);
                        businessesToStore.add(document);
                    }
                }
                if (!behind.isEmpty()) {
                    for (BusinessDocument document : loader.loadDocuments(toArray(behind), true)) {
                        documents.put(document.id(), document);
                        businessesToStore.add(document);
                    }
                }
            }
        }
        for (int i : fromRedis) {
            long[] cellIds = listed.get(i)[0];
            List<BusinessDocument> inCell = new ArrayList<>(cellIds.length);
            boolean consistent = true;
            for (long id : cellIds) {
                BusinessDocument document = documents.get(id);
                if (document == null || !CellKeys.contains(cells[i], document.latitude(), document.longitude())) {
                    consistent = false; // deleted or moved since the cell was read: re-read the cell
                    break;
                }
                inCell.add(document);
            }
            if (consistent) {
                entries[i] = entry(inCell);
            } else {
                fromDatabase.add(i);
            }
        }
    }

    private void loadCells(long[] cells, List<Integer> which, boolean primary, Map<Long, List<BusinessDocument>> out) {
        if (which.isEmpty()) {
            return;
        }
        long[] selected = new long[which.size()];
        for (int k = 0; k < selected.length; k++) {
            selected[k] = cells[which.get(k)];
            out.put(selected[k], new ArrayList<>());
        }
        for (BusinessDocument document : loader.loadCells(selected, primary)) {
            for (long cell : selected) {
                if (CellKeys.contains(cell, document.latitude(), document.longitude())) {
                    out.get(cell).add(document);
                    break; // the cells of one search are disjoint
                }
            }
        }
    }

    private CellEntry entry(List<BusinessDocument> documents) {
        if (documents.isEmpty()) {
            return EMPTY;
        }
        BusinessRow[] rows = new BusinessRow[documents.size()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = this.rows.intern(loader.toRow(state, documents.get(k)));
        }
        return new CellEntry(rows);
    }

    /** {@code id:version,...} in base 36; empty for an empty cell. */
    static String encode(List<BusinessDocument> documents) {
        StringBuilder value = new StringBuilder(documents.size() * 16);
        for (BusinessDocument document : documents) {
            if (value.length() > 0) {
                value.append(',');
            }
            value.append(Long.toString(document.id(), 36)).append(':').append(Long.toString(document.version(), 36));
        }
        return value.toString();
    }

    static long[][] decode(String value) {
        if (value.isEmpty()) {
            return new long[][] {new long[0], new long[0]};
        }
        String[] pairs = value.split(",");
        long[] ids = new long[pairs.length];
        long[] versions = new long[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            int colon = pairs[k].indexOf(':');
            ids[k] = Long.parseLong(pairs[k], 0, colon, 36);
            versions[k] = Long.parseLong(pairs[k], colon + 1, pairs[k].length(), 36);
        }
        return new long[][] {ids, versions};
    }

    private static long[] toArray(List<Long> values) {
        long[] array = new long[values.size()];
        for (int k = 0; k < array.length; k++) {
            array[k] = values.get(k);
        }
        return array;
    }

    private static int stripe(long cell) {
        long h = cell * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 54) & (STRIPES - 1);
    }
}
