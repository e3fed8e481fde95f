package dev.proximity.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The primary's pool and whether it is reachable. While the last probe failed, connections are refused at
 * once, so writes fail fast during an outage. Before a probe has noticed, the request that meets the outage
 * finds out after one wait of the pool ({@code spring.datasource.hikari.connection-timeout}, 250 ms): when the
 * pool had no connection for it in that time, one connection of its own tells whether the server takes any. If
 * not, the primary counts as down and the request gets its 503; if it does, the pool was only busy (or is still
 * backing off after an outage) and the request waits again, up to {@code proximity.primary-busy-wait} in all.
 * Hikari's own record of its last failed connect is not used for this: it stays set until the pool next connects,
 * so right after an outage it would call a primary that is back down.
 */
final class PrimaryServer {

    /** Seconds a check's connect may take: a refused one fails at once, this bounds a host that never answers. */
    private static final String CHECK_CONNECT_TIMEOUT_SECONDS = "1";

    private final HikariDataSource pool;
    private final long busyWaitNanos;
    private volatile boolean reachable = true;
    private volatile long answeredAtNanos;
    private volatile boolean answered;

    PrimaryServer(HikariDataSource pool, Duration busyWait) {
        this.pool = pool;
        this.busyWaitNanos = busyWait.toNanos();
    }

    Connection connection() throws SQLException {
        long start = System.nanoTime();
        long attemptNanos = TimeUnit.MILLISECONDS.toNanos(pool.getConnectionTimeout());
        while (true) {
            if (!reachable) {
                throw new SQLTransientConnectionException("The primary database is unavailable", "08001");
            }
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (!answersNow(attemptNanos)) {
                    reachable = false;
                    throw e;
                }
                if (System.nanoTime() + attemptNanos - start - busyWaitNanos > 0) {
                    throw e; // busy for the whole busy wait
                }
            }
        }
    }

    /** Whether the server takes a connection now; one check per pool wait does for every waiting request. */
    private boolean answersNow(long attemptNanos) {
        if (answered && System.nanoTime() - answeredAtNanos < attemptNanos) {
            return true;
        }
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        properties.setProperty("connectTimeout", CHECK_CONNECT_TIMEOUT_SECONDS);
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        try (Connection check = new org.postgresql.Driver().connect(pool.getJdbcUrl(), properties)) {
            answeredAtNanos = System.nanoTime();
            answered = true;
            return check != null;
        } catch (SQLException e) {
            return false;
        }
    }

    boolean reachable() {
        return reachable;
    }

    void reachable(boolean reachable) {
        this.reachable = reachable;
    }

    HikariDataSource pool() {
        return pool;
    }
}
