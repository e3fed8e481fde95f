package dev.proximity.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the Redis view ({@link RedisView}) equal to the change log: one instance at a time (the holder of a
 * lease in Redis) reads the log after the view's position and writes it through, in log order; a view that is
 * missing, incomplete or left busy (Redis flushed or restarted, keys evicted or deleted, a maintainer that died
 * mid-batch) is rebuilt from the database under a new view id while searches read memory.
 *
 * <p><b>Invariants</b>, per partition ({@link ViewPartitions}): (1) A partition's marker says {@code ready p} only
 * when its sets hold exactly its businesses as of log position {@code p}: a batch whose part fits one script
 * changes the sets and moves the marker in that script; a larger one first marks the partition busy, writes in
 * chunks, then marks it ready. (2) Every write is conditional on the marker the writer expects, in the same script,
 * so a maintainer that lost its lease (paused, cut off) can never write over a newer one's work. (3) Readers
 * ({@link CellLayers}) use a cell only when every partition's position passes their own exactness test, so a
 * lagging or broken partition costs speed, never correctness. Partitions may stand at different positions (one
 * rebuilt alone after its primary lost it); the next round reads the log from the lowest.
 */
final class RedisViewMaintainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisViewMaintainer.class);
    /** Changes written by one script: small enough to keep Redis responsive (a few milliseconds). */
    static final int CHUNK = 2_000;
    private static final long TICK_MILLIS = 1_000;
    private static final long LEASE_MILLIS = 10_000;
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    private final RedisView view;
    private final ChangeLogReader changeLog;
    private final ObjectMapper json;
    private final long maxEntries;
    private final java.util.function.LongSupplier appliedHere;
    private final String owner = UUID.randomUUID().toString();
    private final WakeableLoop loop = new WakeableLoop("search-view", Duration.ofMillis(TICK_MILLIS),
            this::maintainQuietly);
    private int failures;
    private long notBefore;
    private volatile boolean holder;
    private volatile long viewPosition = -1;
    /**
     * @param appliedHere the log position this instance's own search state reflects: the view is brought up to
     *        date only past it, after this instance's feed has read the same rows (an import's million rows are
     *        then not read twice at once, while the writer waits for the first read)
     */
    RedisViewMaintainer(RedisView view, ChangeLogReader changeLog, ObjectMapper json, long maxEntries,
            java.util.function.LongSupplier appliedHere) {
        this.view = view;
        this.changeLog = changeLog;
        this.json = json;
        this.maxEntries = maxEntries;
        this.appliedHere = appliedHere;
    }

    /** Something was appended to the log: bring the view up to date now rather than at the next tick. */
    void wake() {
        loop.wake();
    }

    /** Whether this instance maintains the view now. */
    boolean holder() {
        return holder;
    }

    /** The log position of the view (its partitions' lowest) as this instance last wrote or checked it; -1 if never. */
    long viewPosition() {
        return viewPosition;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(2));
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    /** Stops early on shutdown (with the change feed), so nothing waits on Redis. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    /** One step of the loop; after failures it backs off (up to a minute), whatever wakes it. */
    private void maintainQuietly() {
        if (System.nanoTime() - notBefore < 0) {
            return;
        }
        try {
            maintainOnce();
            failures = 0;
        } catch (RuntimeException e) {
            failures++;
            if (failures == 1) {
                log.warn("Could not bring the search view in Redis up to date ({}); searches read memory "
                        + "meanwhile, and it is retried", e.getMessage());
            }
            log.debug("Search view maintenance failed", e);
            // a Redis that refuses writes (full, read-only) must not be hammered with rebuilds that each read
            // every business from the database
            notBefore = System.nanoTime() + Math.min(MAX_BACKOFF_MILLIS, TICK_MILLIS << Math.min(failures, 6)) * 1_000_000;
        }
    }

    /** One round: hold the lease, check every partition, write what the log has beyond them (or rebuild). */
    void maintainOnce() {
        Boolean held = view.holdLease(owner, LEASE_MILLIS);
        holder = Boolean.TRUE.equals(held);
        if (!holder) {
            return;
        }
        RedisView.Marker[] markers = view.readMarkers(false);
        boolean[] whole = markers == null ? null : view.complete(markers);
        if (whole == null) {
            return;
        }
        List<Integer> broken = new ArrayList<>();
        long lowest = Long.MAX_VALUE;
        for (int k = 0; k < markers.length; k++) {
            if (markers[k] == null || !markers[k].ready() || !whole[k]) {
                broken.add(k);
            } else {
                lowest = Math.min(lowest, markers[k].position());
            }
        }
        if (!broken.isEmpty()) {
            rebuild(markers, broken);
            return;
        }
        viewPosition = lowest;
        if (appliedHere.getAsLong() > lowest) {
            catchUp(markers, lowest); // the feed wakes this thread after each batch, so it follows right behind it
        }
    }

    /** Writes the log after the view's lowest position; rebuilds when the log no longer reaches back that far. */
    private void catchUp(RedisView.Marker[] markers, long lowest) {
        Writer writer = new Writer(markers);
        ChangeLogReader.Read read = changeLog.readAfter(lowest, maxEntries, writer);
        if (read.outcome() == ChangeLogReader.Outcome.TOO_FAR_BEHIND) {
            rebuild(writer.expected, allPartitions());
            return;
        }
        if (read.head() > lowest) {
            writer.finish();
            viewPosition = read.head();
        }
    }

    private List<Integer> allPartitions() {
        List<Integer> all = new ArrayList<>();
        for (int k = 0; k < view.partitions().count(); k++) {
            all.add(k);
        }
        return all;
    }

    /**
     * Writes one read of the log through, partition by partition: in one script if a partition's part is small,
     * else busy, chunks, ready. Every change is the business as it is at the read's head, so writing all changes
     * after the lowest position brings each partition to the head, also one that was already further on; one at
     * or past the head (rebuilt meanwhile from a newer state) is left alone.
     */
    private final class Writer implements ChangeLogReader.ChangeSink {
        private final RedisView.Marker[] start;
        private final RedisView.Marker[] expected;
        private final List<Map<Long, RedisView.Change>> pending = new ArrayList<>();
        private long head;

        Writer(RedisView.Marker[] start) {
            this.start = start;
            this.expected = start.clone();
            for (int k = 0; k < start.length; k++) {
                pending.add(new LinkedHashMap<>());
            }
        }

        @Override
        public void begin(long position) {
            head = position;
        }

        @Override
        public void present(BusinessDocument business) {
            add(new RedisView.Change(business.id(), business));
        }

        @Override
        public void absent(long businessId) {
            add(new RedisView.Change(businessId, null));
        }

        private void add(RedisView.Change change) {
            int k = view.partitions().of(change.id());
            if (start[k].position() >= head) {
                return;
            }
            Map<Long, RedisView.Change> partition = pending.get(k);
            partition.put(change.id(), change);
            if (partition.size() >= CHUNK) {
                if (expected[k].ready()) {
                    RedisView.Marker busy = RedisView.Marker.busy(start[k].viewId(), start[k].position());
                    require(view.swapMarker(k, expected[k], busy));
                    expected[k] = busy;
                }
                writeChunk(k);
            }
        }

        /** Every partition behind the head to the head: objects, then sets and markers, one pipeline each. */
        void finish() {
            holdLease();
            List<RedisView.Write> writes = new ArrayList<>();
            List<RedisView.Change> objects = new ArrayList<>();
            for (int k = 0; k < start.length; k++) {
                if (start[k].position() < head) {
                    List<RedisView.Change> changes = new ArrayList<>(pending.get(k).values());
                    writes.add(new RedisView.Write(k, expected[k], RedisView.Marker.ready(start[k].viewId(), head),
                            changes));
                    objects.addAll(changes);
                }
            }
            if (!objects.isEmpty() && !view.putObjects(head, objects, json)) {
                throw new IllegalStateException("Redis did not take the business objects");
            }
            boolean[] written = view.apply(writes);
            if (written == null) {
                throw new IllegalStateException("Redis is unreachable");
            }
            for (int i = 0; i < written.length; i++) {
                require(written[i]);
                expected[writes.get(i).partition()] = writes.get(i).next();
                pending.get(writes.get(i).partition()).clear();
            }
        }

        /** A chunk of a busy partition (its marker stays busy, at the position the chunk started from). */
        private void writeChunk(int k) {
            holdLease();
            List<RedisView.Change> changes = new ArrayList<>(pending.get(k).values());
            if (!view.putObjects(start[k].position() + 1, changes, json)) {
                throw new IllegalStateException("Redis did not take the business objects");
            }
            require(view.apply(k, expected[k], null, changes));
            pending.get(k).clear();
        }

        private void require(Boolean done) {
            if (done == null) {
                throw new IllegalStateException("Redis is unreachable");
            }
            if (!done) {
                throw new IllegalStateException("another instance moved a marker of the view");
            }
        }
    }

    /** Extends the lease between chunks of a long write; throws if this instance no longer holds it. */
    private void holdLease() {
        if (!Boolean.TRUE.equals(view.holdLease(owner, LEASE_MILLIS))) {
            holder = false;
            throw new IllegalStateException("lost the lease of the search view to another instance");
        }
    }

    /**
     * New sets for the {@code broken} partitions from the database, under a new view id, in one read of every
     * business; searches read memory until every partition is ready again.
     */
    private void rebuild(RedisView.Marker[] current, List<Integer> broken) {
        String viewId = Long.toString(System.currentTimeMillis(), 36) + UUID.randomUUID().toString().substring(0, 8);
        RedisView.Marker building = RedisView.Marker.busy(viewId, 0);
        boolean[] rebuilding = new boolean[current.length];
        for (int k : broken) {
            if (!Boolean.TRUE.equals(view.swapMarker(k, current[k], building)) || !view.fill(k, viewId, List.of())) {
                return; // another maintainer, or Redis away: the next round looks again
            }
            rebuilding[k] = true;
        }
        long started = System.nanoTime();
        log.info("Rebuilding the search view in Redis from the database: {} of {} partitions ({})", broken.size(),
                current.length, reason(current, broken));
        List<BusinessDocument> chunk = new ArrayList<>(CHUNK);
        long[] head = {0};
        long[] count = {0};
        changeLog.readAll(false, new ChangeLogReader.ChangeSink() {
            @Override
            public void begin(long position) {
                head[0] = position;
            }

            @Override
            public void present(BusinessDocument business) {
                if (!rebuilding[view.partitions().of(business.id())]) {
                    return;
                }
                chunk.add(business);
                count[0]++;
                if (chunk.size() == CHUNK) {
                    flush(viewId, head[0], chunk);
                }
            }

            @Override
            public void absent(long businessId) {
            }
        });
        flush(viewId, head[0], chunk);
        RedisView.Marker ready = RedisView.Marker.ready(viewId, head[0]);
        int done = 0;
        for (int k : broken) {
            if (Boolean.TRUE.equals(view.swapMarker(k, building, ready))) {
                done++;
                if (current[k] != null && !current[k].viewId().equals(viewId)) {
                    view.drop(k, current[k].viewId()); // the sets this partition's new ones replace
                }
            }
        }
        log.info("Search view in Redis rebuilt: {} businesses in {} of {} partitions as of log position {} in {} ms",
                count[0], done, current.length, head[0], (System.nanoTime() - started) / 1_000_000);
    }

    private static String reason(RedisView.Marker[] current, List<Integer> broken) {
        RedisView.Marker first = current[broken.get(0)];
        return first == null ? "there was none" : first.ready() ? "incomplete" : "left busy";
    }

    /** Writes a chunk of rebuilt businesses to their partitions' sets, and their objects. */
    private void flush(String viewId, long position, List<BusinessDocument> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        Map<Integer, List<BusinessDocument>> byPartition = new LinkedHashMap<>();
        List<RedisView.Change> objects = new ArrayList<>(chunk.size());
        for (BusinessDocument business : chunk) {
            byPartition.computeIfAbsent(view.partitions().of(business.id()), k -> new ArrayList<>()).add(business);
            objects.add(new RedisView.Change(business.id(), business));
        }
        for (Map.Entry<Integer, List<BusinessDocument>> partition : byPartition.entrySet()) {
            if (!view.fill(partition.getKey(), viewId, partition.getValue())) {
                throw new IllegalStateException("Redis did not take a chunk of the rebuilt view");
            }
        }
        if (!view.putObjects(position, objects, json)) {
            throw new IllegalStateException("Redis did not take a chunk of the rebuilt view's objects");
        }
        holdLease(); // a rebuild of millions outlasts the lease: keep it, or stop if another instance took over
        chunk.clear();
    }
}
