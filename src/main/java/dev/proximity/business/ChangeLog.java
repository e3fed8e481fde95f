package dev.proximity.business;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends to the change log ({@code business_change}, see {@code V5__business_change_log.sql}) in the caller's
 * write transaction, so an entry exists exactly when its write committed. Call it as the <b>last</b> statement
 * before the commit: taking a position locks the log's head row until the commit, which serialises writers for
 * that short tail only and makes position order the commit order.
 */
@Component
class ChangeLog {

    private static final String APPEND_ONE = """
            WITH next AS (UPDATE business_change_head SET position = position + 1 RETURNING position)
            INSERT INTO business_change (position, business_id) SELECT position, ? FROM next RETURNING position""";
    private static final String APPEND_IMPORT = """
            WITH next AS (UPDATE business_change_head SET position = position + 1 RETURNING position)
            INSERT INTO business_change (position, owner_id, first_id, last_id, row_count)
            SELECT position, ?, ?, ?, ? FROM next RETURNING position""";

    private final JdbcTemplate jdbc;

    ChangeLog(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Records a create, update or delete of one business; returns the entry's position. */
    long appendBusiness(long businessId) {
        requireTransaction();
        return jdbc.queryForObject(APPEND_ONE, Long.class, businessId);
    }

    /** Records an import: the owner's businesses with ids in {@code [firstId, lastId]}; returns the position. */
    long appendImport(long ownerId, long firstId, long lastId, long count) {
        requireTransaction();
        return jdbc.queryForObject(APPEND_IMPORT, Long.class, ownerId, firstId, lastId, count);
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a change log entry must be written in its write's transaction");
        }
    }
}
