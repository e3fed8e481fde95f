package dev.proximity.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.geometry.S2CellId;
import dev.proximity.datasource.PrimaryAfterCommitReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Streams businesses from the database with plain JDBC (a server-side cursor with a fetch size, no entities) in
 * a read-only transaction of its own, and turns each row into the compact form search keeps.
 */
@Component
class BusinessRowLoader {

    private static final String COLUMNS = "SELECT id, name, category, latitude, longitude, address, city, country,"
            + " time_zone, hours::text";
    private static final String NO_HOURS = "[]";

    private static final Logger log = LoggerFactory.getLogger(BusinessRowLoader.class);

    private final JdbcTemplate jdbc;
    /** The start-up load: a read, so a replica may serve it. */
    private final TransactionTemplate readOnly;
    /**
     * Rows that were just committed: read on the primary, because a replica may not have replayed the write yet
     * and would answer "no such row" or an older version.
     */
    private final TransactionTemplate justWritten;
    /**
     * The same, from the writer's own after-commit callback: its connection is still held, so these reads use a
     * pool of their own ({@link PrimaryAfterCommitReads}) rather than wait on the main one.
     */
    private final JdbcTemplate afterCommitJdbc;
    private final TransactionTemplate afterCommit;
    private final ObjectMapper json;

    BusinessRowLoader(DataSource dataSource, PlatformTransactionManager transactions, ObjectMapper json,
            SearchProperties properties, PrimaryAfterCommitReads afterCommitReads) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(properties.loadFetchSize());
        this.afterCommitJdbc = new JdbcTemplate(afterCommitReads.dataSource());
        this.afterCommitJdbc.setFetchSize(properties.loadFetchSize());
        this.afterCommit = new TransactionTemplate(new DataSourceTransactionManager(afterCommitReads.dataSource()));
        this.afterCommit.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.justWritten = new TransactionTemplate(transactions);
        this.justWritten.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
    }

    /** Every business. */
    BaseTable loadAll(SearchState state) {
        return load(readOnly, jdbc, state, COLUMNS + " FROM business", new Object[0], 1 << 16);
    }

    /** The businesses an import added: the owner's, with ids in {@code [firstId, lastId]}. */
    BaseTable loadImported(SearchState state, long ownerId, long firstId, long lastId, long count) {
        return load(afterCommit, afterCommitJdbc, state,
                COLUMNS + " FROM business WHERE owner_id = ? AND id BETWEEN ? AND ?",
                new Object[] {ownerId, firstId, lastId}, (int) Math.min(count, 1 << 20));
    }

    /** One business, or null if it no longer exists. */
    BusinessRow loadOne(SearchState state, long id) {
        return afterCommit.execute(status -> {
            List<BusinessRow> rows = afterCommitJdbc.query(COLUMNS + " FROM business WHERE id = ?",
                    (rs, n) -> toRow(state, rs), id);
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    /** Ids written and deleted since {@code since}, read on the primary; null when more than {@code max}. */
    Changes changedSince(java.time.Instant since, int max) {
        java.sql.Timestamp from = java.sql.Timestamp.from(since);
        return afterCommit.execute(status -> {
            List<Long> written = afterCommitJdbc.queryForList(
                    "SELECT id FROM business WHERE updated_at >= ? LIMIT ?",
                    Long.class, from, max + 1);
            List<Long> deleted = afterCommitJdbc.queryForList(
                    "SELECT t.id FROM business_tombstone t WHERE t.deleted_at >= ?"
                            + " AND NOT EXISTS (SELECT 1 FROM business b WHERE b.id = t.id) LIMIT ?",
                    Long.class, from, max + 1);
            return written.size() + deleted.size() > max ? null : new Changes(written, deleted);
        });
    }

    record Changes(List<Long> written, List<Long> deleted) {
    }

    private BaseTable load(TransactionTemplate transaction, JdbcTemplate jdbc, SearchState state, String sql,
            Object[] args, int expectedRows) {
        return transaction.execute(status -> {
            BaseTable.Builder builder = new BaseTable.Builder(expectedRows);
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(sql);
                // Binary results: ids and coordinates cross as 8 bytes each, with no float8/int8 to text on the
                // server and back in Java for every row of a full load or an import.
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                new ArgumentPreparedStatementSetter(args).setValues(statement);
                return statement;
            }, (RowCallbackHandler) rs -> builder.add(toRow(state, rs)));
            return builder.build();
        });
    }

    private BusinessRow toRow(SearchState state, ResultSet rs) throws SQLException {
        return toRow(state, documentOf(rs, 0));
    }

    private static BusinessDocument documentOf(ResultSet rs, long version) throws SQLException {
        return new BusinessDocument(rs.getLong("id"), version, rs.getString("name"), rs.getString("category"),
                rs.getDouble("latitude"), rs.getDouble("longitude"), rs.getString("address"), rs.getString("city"),
                rs.getString("country"), rs.getString("time_zone"), rs.getString("hours"));
    }

    /** The compact form search keeps, with this instance's dictionary codes. */
    BusinessRow toRow(SearchState state, BusinessDocument document) {
        String city = document.city();
        String country = document.country();
        int locality = city == null && country == null ? -1 : state.localities().encode(new Locality(city, country));
        String timeZone = document.timeZone();
        String hours = document.hours();
        int schedule = timeZone == null || hours == null || NO_HOURS.equals(hours) ? -1
                : state.schedules().encode(timeZone + "\n" + hours);
        return new BusinessRow(document.id(), document.latitude(), document.longitude(),
                state.categories().encode(document.category()), locality, schedule, document.name(),
                document.address());
    }

    /**
     * The businesses in the given cells ({@link CellKeys}), in one query: a range of {@code s2_cell} per S2 cell,
     * a prefix of {@code geohash} per geohash cell. On a replica unless {@code primary}. Both are index range
     * scans whatever the plan (checked by {@code CellFillPlanTests}).
     */
    List<BusinessDocument> loadCells(long[] cells, boolean primary) {
        CellQuery query = CellQuery.of(cells);
        if (primary) {
            return loadCells(justWritten, query);
        }
        try {
            return loadCells(readOnly, query);
        } catch (DataAccessResourceFailureException | TransactionException e) {
            // The replica went away under the query (killed, restarted, network): the primary holds every row a
            // replica has, so read there rather than fail a search. If the primary is the one that is down, this
            // fails too (immediately once the monitor has marked it down) and the caller answers 503 as before.
            log.debug("Cell fill failed on a replica, reading from the primary: {}", e.getClass().getSimpleName());
            return loadCells(justWritten, query);
        }
    }

    private List<BusinessDocument> loadCells(TransactionTemplate transaction, CellQuery query) {
        return transaction.execute(status -> jdbc.query(
                con -> query.bind(con, con.prepareStatement(query.sql())),
                (rs, row) -> documentOf(rs, rs.getLong("version"))));
    }

    /**
     * The statement reading the businesses of some cells, one index range per cell. Up to {@link #MAX_ORED_RANGES}
     * cells (every cover away from the poles) the ranges are ORed, each with its own bounds. More cells (a 50 km
     * circle near a pole needs about 3,000 geohash cells of precision 4, whose width shrinks with the latitude)
     * pass their ranges as arrays joined to {@code business}: ORed, such a statement took 0.7 s to plan and run
     * alone (12 ms as a join) and, several at once, ran into the statement timeout. The join is not used for
     * every cover because right after a bulk import, before the table has statistics, cold S2 fills through it
     * were three times slower in the load benchmark's cold pass (cause not found: the plans checked by hand were
     * the same index scans). Cells are distinct, so no row is read twice.
     */
    record CellQuery(String sql, Object[] args) {

        static final int MAX_ORED_RANGES = 64;

        private static final String BY_GEOHASH_ARRAYS = COLUMNS + ", version FROM unnest(?::text[], ?::text[])"
                + " AS cell(low, high) JOIN business ON geohash ~>=~ cell.low AND geohash ~<~ cell.high";
        private static final String BY_S2_CELL_ARRAYS = COLUMNS + ", version FROM unnest(?::bigint[], ?::bigint[])"
                + " AS cell(low, high) JOIN business ON s2_cell BETWEEN cell.low AND cell.high";

        static CellQuery of(long[] cells) {
            CellRanges ranges = CellRanges.of(cells);
            return cells.length <= MAX_ORED_RANGES ? ored(ranges) : joined(ranges);
        }

        private static CellQuery ored(CellRanges ranges) {
            List<String> conditions = new ArrayList<>();
            List<Object> args = new ArrayList<>();
            for (int i = 0; i < ranges.geohashLow().size(); i++) {
                conditions.add("(geohash ~>=~ ? AND geohash ~<~ ?)");
                args.add(ranges.geohashLow().get(i));
                args.add(ranges.geohashHigh().get(i));
            }
            for (int i = 0; i < ranges.s2Low().size(); i++) {
                conditions.add("s2_cell BETWEEN ? AND ?");
                args.add(ranges.s2Low().get(i));
                args.add(ranges.s2High().get(i));
            }
            return new CellQuery(COLUMNS + ", version FROM business WHERE " + String.join(" OR ", conditions),
                    args.toArray());
        }

        private static CellQuery joined(CellRanges ranges) {
            List<Object> args = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            if (!ranges.geohashLow().isEmpty()) {
                parts.add(BY_GEOHASH_ARRAYS);
                args.add(new ArrayArgument("text", ranges.geohashLow().toArray()));
                args.add(new ArrayArgument("text", ranges.geohashHigh().toArray()));
            }
            if (!ranges.s2Low().isEmpty()) {
                parts.add(BY_S2_CELL_ARRAYS);
                args.add(new ArrayArgument("bigint", ranges.s2Low().toArray()));
                args.add(new ArrayArgument("bigint", ranges.s2High().toArray()));
            }
            return new CellQuery(String.join(" UNION ALL ", parts), args.toArray());
        }

        /** The index range of each cell: a geohash prefix, or the S2 cell's span of leaf ids. */
        private record CellRanges(List<String> geohashLow, List<String> geohashHigh, List<Long> s2Low,
                List<Long> s2High) {

            static CellRanges of(long[] cells) {
                CellRanges ranges = new CellRanges(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                        new ArrayList<>());
                for (long cell : cells) {
                    if (CellKeys.isGeohash(cell)) {
                        // A prefix as a byte-order range (the text_pattern_ops operators): unlike LIKE ?, it can
                        // use the index in the generic plan a server-side prepared statement ends up with. Every
                        // geohash character sorts below '~'.
                        String prefix = CellKeys.geohashPrefix(cell);
                        ranges.geohashLow.add(prefix);
                        ranges.geohashHigh.add(prefix + "~");
                    } else {
                        S2CellId s2Cell = new S2CellId(cell);
                        ranges.s2Low.add(s2Cell.rangeMin().id());
                        ranges.s2High.add(s2Cell.rangeMax().id());
                    }
                }
                return ranges;
            }
        }

        /** Sets the statement's arguments; returns it. */
        PreparedStatement bind(Connection connection, PreparedStatement statement) throws SQLException {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof ArrayArgument array) {
                    statement.setArray(i + 1, connection.createArrayOf(array.type(), array.elements()));
                } else {
                    statement.setObject(i + 1, args[i]);
                }
            }
            return statement;
        }

        /** An SQL array parameter: made with the connection the statement runs on. */
        record ArrayArgument(String type, Object[] elements) {
        }
    }

    /** The businesses with these ids (those that exist), in one query. On a replica unless {@code primary}. */
    List<BusinessDocument> loadDocuments(long[] ids, boolean primary) {
        return (primary ? justWritten : readOnly).execute(status -> jdbc.query(
                con -> {
                    java.sql.PreparedStatement statement = con.prepareStatement(
                            COLUMNS + ", version FROM business WHERE id = ANY(?)");
                    Long[] boxed = new Long[ids.length];
                    for (int i = 0; i < ids.length; i++) {
                        boxed[i] = ids[i];
                    }
                    statement.setArray(1, con.createArrayOf("bigint", boxed));
                    return statement;
                },
                (rs, row) -> documentOf(rs, rs.getLong("version"))));
    }

    /** Parses a schedule key ({@code timeZone + "\n" + hours JSON}); null if it cannot be understood. */
    OpeningSchedule parseSchedule(String key) {
        int newline = key.indexOf('\n');
        try {
            ZoneId zone = ZoneId.of(key.substring(0, newline));
            List<OpeningSchedule.Interval> intervals = json.readValue(key.substring(newline + 1),
                    new TypeReference<List<OpeningSchedule.Interval>>() {
                    });
            return intervals.isEmpty() ? null : OpeningSchedule.of(zone, intervals);
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
