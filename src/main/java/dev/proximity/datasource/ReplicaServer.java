package dev.proximity.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

/** One read replica: its pool, its probe connection and what the last check found. */
final class ReplicaServer implements AutoCloseable {

    enum State {
        /** Not checked yet: out of the rotation until the first check. */
        UNKNOWN,
        /** Reachable and lagging at most the limit: in the rotation. */
        UP,
        /** Reachable but too far behind (or not replaying): out of the rotation. */
        LAGGING,
        /** Not reachable, or not a standby: out of the rotation. */
        DOWN
    }

    private final int index;
    private final HikariDataSource pool;
    private final HikariDataSource probe;
    private volatile State state = State.UNKNOWN;
    private volatile Duration lag;

    ReplicaServer(int index, HikariDataSource pool, HikariDataSource probe) {
        this.index = index;
        this.pool = pool;
        this.probe = probe;
    }

    int index() {
        return index;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    Connection probeConnection() throws SQLException {
        return probe.getConnection();
    }

    State state() {
        return state;
    }

    boolean inRotation() {
        return state == State.UP;
    }

    /** The last measured lag, or {@code null} when unknown (unreachable). */
    Duration lag() {
        return lag;
    }

    double lagSeconds() {
        Duration current = lag;
        return current == null ? Double.NaN : current.toNanos() / 1e9;
    }

    void checked(State state, Duration lag) {
        this.lag = lag;
        this.state = state;
    }

    /** A request could not get a connection: leave the rotation now rather than at the next check. */
    void failed() {
        checked(State.DOWN, null);
    }

    @Override
    public void close() {
        pool.close();
        probe.close();
    }
}
