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
 * <p><b>Invariants.</b> (1) The marker says {@code ready p} only when the view's sets hold exactly the businesses
 * as of log position {@code p}: a batch that fits one script changes the sets and moves the marker in that
 * script; a larger one first marks the view busy, writes in chunks, then marks it ready. (2) Every write is
 * conditional on the marker the writer expects, in the same script, so a maintainer that lost its lease (paused,
 * cut off) can never write over a newer one's work. (3) Readers ({@link CellLayers}) use a cell only when its
 * copy's position passes their own exactness test, so a lagging or broken view costs speed, never correctness.
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
    private volatile RedisView.Marker lastMarker;

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

    /** The marker as this instance last saw it while maintaining; null if it never did. */
    RedisView.Marker lastMarker() {
        return lastMarker;
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

    /** One round: hold the lease, check the view, write what the log has beyond it (or rebuild). */
    void maintainOnce() {
        Boolean held = view.holdLease(owner, LEASE_MILLIS);
        holder = Boolean.TRUE.equals(held);
        if (!holder) {
            return;
        }
        RedisView.MarkerRead read = view.readMarker();
        if (read == null) {
            return;
        }
        RedisView.Marker marker = read.marker();
        if (marker == null || !marker.ready() || !Boolean.TRUE.equals(view.complete(marker.viewId()))) {
            rebuild(marker);
            return;
        }
        lastMarker = marker;
        if (appliedHere.getAsLong() > marker.position()) {
            catchUp(marker); // the feed wakes this thread after each batch, so it follows right behind it
        }
    }

    /** Writes the log after the view's position; rebuilds when the log no longer reaches back that far. */
    private void catchUp(RedisView.Marker marker) {
        Writer writer = new Writer(marker);
        ChangeLogReader.Read read = changeLog.readAfter(marker.position(), maxEntries, writer);
        if (read.outcome() == ChangeLogReader.Outcome.TOO_FAR_BEHIND) {
            rebuild(writer.expected);
            return;
        }
        if (read.head() > marker.position()) {
            writer.finish(read.head());
        }
    }

    /** Writes one read of the log through: in one script if it is small, else busy, chunks, ready. */
    private final class Writer implements ChangeLogReader.ChangeSink {
        private final RedisView.Marker start;
        private RedisView.Marker expected;
        private final Map<Long, RedisView.Change> pending = new LinkedHashMap<>();

        Writer(RedisView.Marker start) {
            this.start = start;
            this.expected = start;
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
            pending.put(change.id(), change);
            if (pending.size() >= CHUNK) {
                if (expected.ready()) {
                    RedisView.Marker busy = RedisView.Marker.busy(start.viewId(), start.position());
                    require(view.swapMarker(expected, busy));
                    expected = busy;
                }
                write(null);
            }
        }

        void finish(long head) {
            RedisView.Marker done = RedisView.Marker.ready(start.viewId(), head);
            write(done);
            lastMarker = done;
        }

        private void write(RedisView.Marker next) {
            holdLease();
            List<RedisView.Change> changes = new ArrayList<>(pending.values());
            long position = next != null ? next.position() : start.position() + 1;
            if (!view.putObjects(position, changes, json)) {
                throw new IllegalStateException("Redis did not take the business objects");
            }
            require(view.apply(expected, next, changes));
            pending.clear();
        }

        private void require(Boolean done) {
            if (done == null) {
                throw new IllegalStateException("Redis is unreachable");
            }
            if (!done) {
                throw new IllegalStateException("another instance moved the view's marker");
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

    /** A new view from the database, under a new id; searches read memory until it is marked ready. */
    private void rebuild(RedisView.Marker current) {
        String viewId = Long.toString(System.currentTimeMillis(), 36) + UUID.randomUUID().toString().substring(0, 8);
        RedisView.Marker building = RedisView.Marker.busy(viewId, 0);
        Boolean claimed = view.swapMarker(current, building);
        if (!Boolean.TRUE.equals(claimed) || !view.fill(viewId, List.of())) {
            return;
        }
        long started = System.nanoTime();
        log.info("Rebuilding the search view in Redis from the database ({})",
                current == null ? "there was none" : current.ready() ? "it is incomplete" : "it was left busy");
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
        if (Boolean.TRUE.equals(view.swapMarker(building, ready))) {
            lastMarker = ready;
            if (current != null) {
                view.drop(current.viewId()); // the view this one replaces
            }
            log.info("Search view in Redis rebuilt: {} businesses as of log position {} in {} ms", count[0],
                    head[0], (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void flush(String viewId, long position, List<BusinessDocument> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        List<RedisView.Change> objects = new ArrayList<>(chunk.size());
        for (BusinessDocument business : chunk) {
            objects.add(new RedisView.Change(business.id(), business));
        }
        if (!view.fill(viewId, chunk) || !view.putObjects(position, objects, json)) {
            throw new IllegalStateException("Redis did not take a chunk of the rebuilt view");
        }
        holdLease(); // a rebuild of millions outlasts the lease: keep it, or stop if another instance took over
        chunk.clear();
    }
}
