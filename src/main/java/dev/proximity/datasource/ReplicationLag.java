package dev.proximity.datasource;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How far a replica lags, in time, measured against the primary's WAL positions as this instance saw them.
 * Every check records the primary's {@code pg_current_wal_lsn()} when it moved. A replica's lag is the age
 * of the oldest recorded primary position it has not replayed yet ({@code pg_last_wal_replay_lsn()}), and
 * zero when it has replayed all of them: "the primary already had, that long ago, data this replica still
 * lacks". Unlike {@code now() - pg_last_xact_replay_timestamp()} it does not grow while the primary is idle,
 * and it keeps working while the primary is down (nothing new is written then). It is accurate to one check
 * interval: a position is timestamped when it was seen, not when it was written.
 *
 * <p>Thread-safe.
 */
final class ReplicationLag {

    /** Positions older than this many samples are forgotten; a replica behind all of them lags at least that long. */
    private static final int MAX_SAMPLES = 4096;

    private record Sample(long atNanos, long lsn) {
    }

    private final Deque<Sample> primaryPositions = new ArrayDeque<>();

    /** Records the primary's current WAL position, seen at {@code nowNanos} ({@link System#nanoTime()}). */
    synchronized void primaryAt(long lsn, long nowNanos) {
        Sample last = primaryPositions.peekLast();
        if (last == null || lsn > last.lsn()) {
            primaryPositions.addLast(new Sample(nowNanos, lsn));
            if (primaryPositions.size() > MAX_SAMPLES) {
                primaryPositions.removeFirst();
            }
        }
    }

    /** The lag of a replica that has replayed up to {@code replayLsn}, at {@code nowNanos}. */
    synchronized Duration of(long replayLsn, long nowNanos) {
        for (Sample sample : primaryPositions) {
            if (sample.lsn() > replayLsn) {
                return Duration.ofNanos(Math.max(0, nowNanos - sample.atNanos()));
            }
        }
        return Duration.ZERO;
    }

    synchronized boolean knowsPrimary() {
        return !primaryPositions.isEmpty();
    }
}
