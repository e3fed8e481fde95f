package dev.proximity.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * The one owner of search freshness on this instance: applies the change log, in order, to the search state.
 *
 * <p><b>How a write reaches every instance's answer.</b> A write commits its business row and its log entry
 * together ({@code business.ChangeLog}). After the commit the writer's instance publishes a wake-up
 * ({@link LogWakeups}) and waits until its own feed has applied the entry, so its next search sees the write.
 * Every instance's feed reads the log after its applied position when woken, and at least every
 * {@code pollInterval} whatever happens to wake-ups; each read takes the entries and the rows they name in one
 * database snapshot ({@link ChangeLogReader}).
 *
 * <p><b>Invariants.</b> (1) Entries are applied in log order, by one thread, each read batch as one new
 * {@link Snapshot} tagged with the batch's last position: a search sees a batch entirely or not at all. (2) The
 * cells a batch touches are marked in {@link CellChanges} before its snapshot is published ({@link SearchState}),
 * so no copy of a cell made before the change is used after it. (3) An instance whose position the log no longer reaches (pruned,
 * or more than {@code maxBatchEntries} behind) reloads everything from one snapshot. Hence, with the database
 * reachable, every change is in every instance's answers within one poll interval plus one read.
 */
final class ChangeFeed implements SmartInitializingSingleton, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final SearchState state;
    private final ChangeLogReader reader;
    private final BusinessRows rows;
    private final Duration pollInterval;
    private final long maxBatchEntries;
    private final List<Runnable> afterBatch = new ArrayList<>();
    private final Object applied = new Object();
    private final WakeableLoop loop;
    private boolean failing;
    private volatile long headSeen;
    private volatile long caughtUpAtMillis = System.currentTimeMillis();
    private volatile long lastReadAtMillis = System.currentTimeMillis();
    private volatile long reloads;
    private volatile long failures;

    ChangeFeed(SearchState state, ChangeLogReader reader, BusinessRows rows, Duration pollInterval,
            long maxBatchEntries) {
        this.state = state;
        this.reader = reader;
        this.rows = rows;
        this.pollInterval = pollInterval;
        this.maxBatchEntries = maxBatchEntries;
        this.loop = new WakeableLoop("change-feed", pollInterval, this::readQuietly);
    }

    /** Runs after every batch applied (e.g. to wake the Redis view's maintainer). */
    void afterEveryBatch(Runnable action) {
        afterBatch.add(action);
    }

    /** The log position the search state reflects. */
    long appliedPosition() {
        return state.current().position;
    }

    /** The log's head at the last successful read. */
    long headPosition() {
        return headSeen;
    }

    /** How long ago this instance was last known to have applied the whole log (0 while it keeps up). */
    Duration lag() {
        return Duration.ofMillis(Math.max(0, System.currentTimeMillis() - caughtUpAtMillis));
    }

    /** When the log was last read successfully (epoch ms). */
    long lastReadAtMillis() {
        return lastReadAtMillis;
    }

    long reloads() {
        return reloads;
    }

    long failures() {
        return failures;
    }

    /** The start-up load, before the web server takes requests. */
    @Override
    public void afterSingletonsInstantiated() {
        reload(false);
    }

    /** Loads everything; at start-up, and on the primary when the log no longer reaches back. */
    void reload(boolean onPrimary) {
        long started = System.nanoTime();
        BaseTable.Builder table = new BaseTable.Builder(1 << 16);
        long[] head = {0};
        reader.readAll(onPrimary, new ChangeLogReader.ChangeSink() {
            @Override
            public void begin(long position) {
                head[0] = position;
            }

            @Override
            public void present(BusinessDocument business) {
                table.add(rows.toRow(state, business));
            }

            @Override
            public void absent(long businessId) {
            }
        });
        state.replaceAll(head[0], table.build());
        headSeen = Math.max(headSeen, head[0]);
        Snapshot snapshot = state.current();
        log.info("Search state loaded: {} businesses as of change log position {} in {} ms, about {} bytes each",
                snapshot.size(), head[0], (System.nanoTime() - started) / 1_000_000,
                snapshot.size() == 0 ? 0 : snapshot.heapBytes() / snapshot.size());
        signalApplied();
    }

    /** Read the log now rather than at the next poll. */
    void wake() {
        loop.wake();
    }

    /** Waits until the state reflects {@code position} (a write of this instance); false if that took too long. */
    boolean awaitApplied(long position, Duration timeout) {
        if (appliedPosition() >= position) {
            return true;
        }
        if (!loop.running()) {
            return false;
        }
        wake();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (applied) {
            while (appliedPosition() < position) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    applied.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** One read of the log after the applied position, applied as one snapshot. */
    void readOnce() {
        long readStarted = System.currentTimeMillis();
        Snapshot before = state.current();
        Batch batch = new Batch();
        ChangeLogReader.Read read = reader.readAfter(before.position, maxBatchEntries, batch);
        lastReadAtMillis = System.currentTimeMillis();
        headSeen = Math.max(headSeen, read.head());
        if (read.outcome() == ChangeLogReader.Outcome.TOO_FAR_BEHIND) {
            log.info("This instance is {} change log entries behind, further than the log reaches back or than "
                    + "{} entries: reloading everything", read.head() - before.position, maxBatchEntries);
            reloads++;
            reload(true);
        } else if (read.head() > before.position) {
            batch.apply(read.head());
        }
        if (state.current().position >= read.head()) {
            caughtUpAtMillis = readStarted;
        }
        signalApplied();
        afterBatch.forEach(Runnable::run);
    }

    private void signalApplied() {
        synchronized (applied) {
            applied.notifyAll();
        }
    }

    /** The changes of one read, deduplicated by business (each as it is now), applied in one step. */
    private final class Batch implements ChangeLogReader.ChangeSink {
        private final Map<Long, BusinessRow> present = new LinkedHashMap<>();
        private final Set<Long> absent = new HashSet<>();
        private BaseTable.Builder imported;

        @Override
        public void present(BusinessDocument business) {
            absent.remove(business.id());
            present.put(business.id(), rows.toRow(state, business));
        }

        @Override
        public void absent(long businessId) {
            present.remove(businessId);
            absent.add(businessId);
        }

        @Override
        public void imported(BusinessDocument business) {
            if (imported == null) {
                imported = new BaseTable.Builder(1 << 10);
            }
            imported.add(rows.toRow(state, business));
        }

        void apply(long position) {
            state.apply(position, new ArrayList<>(present.values()), new ArrayList<>(absent),
                    imported == null ? List.of() : List.of(imported.build()));
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    /** One step of the loop: a read of the log, whose failure is logged once and retried every poll interval. */
    private void readQuietly() {
        try {
            readOnce();
            if (failing) {
                log.info("Reading the change log works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            failures++;
            if (!failing) {
                log.warn("Cannot read the change log ({}); search answers from what it has and retries every "
                        + "{} ms", e.getClass().getSimpleName(), pollInterval.toMillis());
                log.debug("Change log read failed", e);
                failing = true;
            }
        }
    }

    @Override
    public void stop() {
        loop.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    /**
     * Starts before the web server takes requests and stops after it has drained (the web server's phases are
     * {@code DEFAULT_PHASE - 2048} and {@code - 1024}): a write still in flight at shutdown waits for its entry.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
