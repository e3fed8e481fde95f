package dev.proximity.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The primary's pool and whether it is reachable. While the last probe failed, connections are refused at
 * once instead of after the pool's connection timeout, so writes fail fast during an outage.
 */
final class PrimaryServer {

    private final HikariDataSource pool;
    private volatile boolean reachable = true;

    PrimaryServer(HikariDataSource pool) {
        this.pool = pool;
    }

    Connection connection() throws SQLException {
        if (!reachable) {
            throw new SQLTransientConnectionException("The primary database is unavailable", "08001");
        }
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            if (e.getCause() != null) { // the pool could not connect (not merely all connections busy)
                reachable = false;
            }
            throw e;
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
