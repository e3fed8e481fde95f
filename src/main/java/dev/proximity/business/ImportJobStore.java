package dev.proximity.business;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.system.Ids;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code business_import_job} rows. Every statement runs on the primary: outside a transaction (the router's
 * default) for reads, so a job is never read stale from a replica, and for progress and failures, so they are
 * seen while the import's own transaction is still open; {@link #commit} alone runs inside that transaction.
 * Times are the database's, so that heartbeats written by one instance are judged by the same clock on all.
 */
@Component
class ImportJobStore {

    private static final String COLUMNS = "id, state, rows_read, rows_written, started_at, heartbeat_at, finished_at,"
            + " problem_type, title, detail, errors, error_count, clock_timestamp() AS now,"
            + " heartbeat_at < clock_timestamp() - ?::interval AS stale";
    private static final TypeReference<List<ImportLineError>> LINES = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ImportJobProperties properties;

    ImportJobStore(DataSource dataSource, ObjectMapper json, ImportJobProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.json = json;
        this.properties = properties;
    }

    void create(long id, long ownerId) {
        jdbc.update("INSERT INTO business_import_job (id, owner_id, state, started_at, heartbeat_at)"
                + " VALUES (?, ?, 'running', clock_timestamp(), clock_timestamp())", id, ownerId);
    }

    /** Progress and a heartbeat for each running job of this instance: job id → its progress. */
    void heartbeat(Map<Long, ImportProgress> running) {
        List<Object[]> rows = running.entrySet().stream().map(job -> new Object[] {
                job.getValue().rowsRead(), job.getValue().rowsWritten(), job.getKey()}).toList();
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("UPDATE business_import_job SET rows_read = ?, rows_written = ?,"
                    + " heartbeat_at = clock_timestamp() WHERE id = ? AND state = 'running'", rows);
        }
    }

    /**
     * Marks the job committed, in the import's transaction when it has one. Refused (and so the import rolled
     * back) once the heartbeat is half-way to the timeout: readers that saw it as failed must never be wrong, and
     * half the timeout is the margin for the time between this statement and the commit.
     */
    void commit(long id, long rowsRead, long rowsWritten) {
        int updated = jdbc.update("UPDATE business_import_job SET state = 'committed', rows_read = ?, rows_written = ?,"
                + " finished_at = clock_timestamp(), heartbeat_at = clock_timestamp()"
                + " WHERE id = ? AND state = 'running' AND heartbeat_at > clock_timestamp() - ?::interval",
                rowsRead, rowsWritten, id, interval(properties.heartbeatTimeout().dividedBy(2)));
        if (updated != 1) {
            throw ImportInterruptedException.heartbeatLost();
        }
    }

    void fail(long id, long rowsRead, ImportJobFailure failure) {
        jdbc.update("UPDATE business_import_job SET state = 'failed', rows_read = ?, rows_written = 0,"
                + " finished_at = clock_timestamp(), heartbeat_at = clock_timestamp(), problem_type = ?, title = ?,"
                + " detail = ?, errors = ?::jsonb, error_count = ? WHERE id = ? AND state = 'running'",
                rowsRead, failure.type(), failure.title(), failure.detail(), text(failure.lines()),
                failure.errorCount(), id);
    }

    Optional<ImportJob> find(long ownerId, long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM business_import_job WHERE id = ? AND owner_id = ?",
                (rows, n) -> job(rows), interval(properties.heartbeatTimeout()), id, ownerId).stream().findFirst();
    }

    /** Deletes the jobs that ended (or last gave a heartbeat) longer than the retention ago; returns how many. */
    int prune() {
        return jdbc.update("DELETE FROM business_import_job WHERE heartbeat_at < clock_timestamp() - ?::interval",
                interval(properties.retention()));
    }

    private ImportJob job(ResultSet rows) throws SQLException {
        String state = rows.getString("state");
        Instant started = instant(rows, "started_at");
        Instant finished = instant(rows, "finished_at");
        long rowsWritten = rows.getLong("rows_written");
        ImportJob.Failure failure = rows.getString("problem_type") == null ? null : new ImportJob.Failure(
                rows.getString("problem_type"), rows.getString("title"), rows.getString("detail"));
        if (ImportJob.RUNNING.equals(state) && rows.getBoolean("stale")) {
            // its instance stopped: its one transaction ended with it, so nothing of it was written
            ProblemDetail lost = ImportInterruptedException.heartbeatLost().toProblemDetail();
            state = ImportJob.FAILED;
            finished = instant(rows, "heartbeat_at");
            rowsWritten = 0;
            failure = new ImportJob.Failure(String.valueOf(lost.getType()), lost.getTitle(), lost.getDetail());
        }
        long rowsRead = rows.getLong("rows_read");
        Instant until = finished != null ? finished : instant(rows, "now");
        double seconds = Math.max(Duration.between(started, until).toNanos(), 1) / 1e9;
        double rate = Math.round(rowsRead / seconds * 10) / 10.0;
        String errors = rows.getString("errors");
        return new ImportJob(Ids.format(rows.getLong("id")), state, rowsRead, rowsWritten, rate, started, finished,
                failure, errors == null ? List.of() : lines(errors), rows.getLong("error_count"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp time = rows.getTimestamp(column);
        return time == null ? null : time.toInstant();
    }

    private List<ImportLineError> lines(String text) {
        try {
            return json.readValue(text, LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("business_import_job.errors is not a list of line errors", e);
        }
    }

    private String text(List<ImportLineError> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }
}
