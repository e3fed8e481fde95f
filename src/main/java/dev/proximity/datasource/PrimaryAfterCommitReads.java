package dev.proximity.datasource;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Connections to the primary for reads made right after a commit, such as search re-reading the business a
 * request just wrote. Spring runs after-commit callbacks before it releases the writer's connection, so such a
 * read needs a second connection while the first is still held; from the main pool, enough concurrent writers
 * would each hold one and wait for another until every one timed out. A small pool of their own can only make
 * them queue.
 */
public final class PrimaryAfterCommitReads implements AutoCloseable {

    private final HikariDataSource pool;

    PrimaryAfterCommitReads(HikariDataSource pool) {
        this.pool = pool;
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
