package dev.proximity.search;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.proximity.datasource.PrimaryAfterCommitReads;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the change log and the businesses it names with plain JDBC, each read in one REPEATABLE READ
 * transaction, so the rows read are exactly the state at the log position read with them (a business row and
 * its log entry always commit together).
 *
 * <p>{@link #readAfter} runs on the primary, on a small pool of its own (writers that wait after their commit
 * for this instance to apply their entry hold their connection meanwhile; the log must never wait behind them).
 * {@link #readAll} may run on a replica: whatever the replica has replayed, the position comes from the same
 * snapshot as the rows, and reading the log after that position later, on the primary, misses nothing.
 */
@Component
class ChangeLogReader {

    /** What a read found. */
    enum Outcome {
        /** The changes after the position were handed to the sink (possibly none). */
        READ,
        /** The reader is too far behind (more entries than allowed, or some pruned): load everything instead. */
        TOO_FAR_BEHIND
    }

    /** Where the changes go, in log order; a business may come more than once (every time as it is now). */
    interface ChangeSink {
        /** Called first, with the log position the changes that follow bring the reader to. */
        default void begin(long position) {
        }

        /** The business exists now, as given. */
        void present(BusinessDocument business);

        /** The business no longer exists. */
        void absent(long businessId);

        /** A row of an import (exists now); many may come. */
        default void imported(BusinessDocument business) {
            present(business);
        }
    }

    record Read(Outcome outcome, long head, long entries) {
    }

    private static final String HEAD = "SELECT position FROM business_change_head";
    private static final String ENTRIES = "SELECT c.position, c.business_id, c.owner_id, c.first_id, c.last_id, "
            + BusinessRows.COLUMNS + " FROM business_change c LEFT JOIN business b ON b.id = c.business_id"
            + " WHERE c.position > ? ORDER BY c.position";
    private static final String IMPORTED = "SELECT " + BusinessRows.COLUMNS
            + " FROM business b WHERE b.owner_id = ? AND b.id BETWEEN ? AND ?";
    private static final String ALL = "SELECT " + BusinessRows.COLUMNS + " FROM business b";

    private final JdbcTemplate primary;
    private final TransactionTemplate onPrimary;
    private final JdbcTemplate routed;
    private final TransactionTemplate onAnyServer;

    ChangeLogReader(DataSource dataSource, PlatformTransactionManager transactions, SearchProperties properties,
            PrimaryAfterCommitReads logReads) {
        this.primary = new JdbcTemplate(logReads.dataSource());
        this.primary.setFetchSize(properties.loadFetchSize());
        this.onPrimary = new TransactionTemplate(new DataSourceTransactionManager(logReads.dataSource()));
        this.onPrimary.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.onPrimary.setReadOnly(true);
        this.onPrimary.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.routed = new JdbcTemplate(dataSource);
        this.routed.setFetchSize(properties.loadFetchSize());
        this.onAnyServer = new TransactionTemplate(transactions);
        this.onAnyServer.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.onAnyServer.setReadOnly(true); // a replica, when there is one in rotation
        this.onAnyServer.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Every business, to {@code sink} (as {@link ChangeSink#imported}), after {@link ChangeSink#begin} with the log
     * position they reflect; on a replica when there is one in rotation, or on the primary if {@code onPrimary}
     * (after falling behind: a lagging replica could leave the reader behind again).
     */
    void readAll(boolean onPrimary, ChangeSink sink) {
        JdbcTemplate jdbc = onPrimary ? primary : routed;
        (onPrimary ? this.onPrimary : onAnyServer).execute(status -> {
            sink.begin(jdbc.queryForObject(HEAD, Long.class));
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(ALL);
                // binary results: ids and coordinates cross as 8 bytes each instead of text to parse
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                return statement;
            }, (RowCallbackHandler) rs -> sink.imported(BusinessRows.document(rs, 1)));
            return null;
        });
    }

    /**
     * The changes after {@code position}, up to the log's head, to {@code sink}; {@link Outcome#TOO_FAR_BEHIND}
     * (and nothing to the sink) when that is more than {@code maxEntries} entries or some were pruned.
     */
    Read readAfter(long position, long maxEntries, ChangeSink sink) {
        return onPrimary.execute(status -> {
            long head = primary.queryForObject(HEAD, Long.class);
            if (head <= position) {
                return new Read(Outcome.READ, head, 0);
            }
            if (head - position > maxEntries) {
                return new Read(Outcome.TOO_FAR_BEHIND, head, head - position);
            }
            sink.begin(head);
            List<long[]> imports = new ArrayList<>();
            long[] expected = {position + 1};
            boolean[] gap = {false};
            primary.query(ENTRIES, (RowCallbackHandler) rs -> {
                if (gap[0]) {
                    return;
                }
                long entry = rs.getLong(1);
                if (entry != expected[0]) {
                    gap[0] = true; // pruned: positions have no gaps otherwise
                    return;
                }
                expected[0]++;
                long businessId = rs.getLong(2);
                if (!rs.wasNull()) {
                    rs.getLong(6);
                    if (rs.wasNull()) {
                        sink.absent(businessId);
                    } else {
                        sink.present(BusinessRows.document(rs, 6));
                    }
                } else {
                    imports.add(new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }, position);
            if (gap[0] || expected[0] != head + 1) {
                return new Read(Outcome.TOO_FAR_BEHIND, head, head - position);
            }
            for (long[] imported : imports) {
                primary.query(connection -> {
                    PreparedStatement statement = connection.prepareStatement(IMPORTED);
                    statement.unwrap(PGStatement.class).setPrepareThreshold(-1); // binary, as readAll
                    for (int i = 0; i < 3; i++) {
                        statement.setLong(i + 1, imported[i]);
                    }
                    return statement;
                }, (RowCallbackHandler) rs -> sink.imported(BusinessRows.document(rs, 1)));
            }
            return new Read(Outcome.READ, head, head - position);
        });
    }
}
