package dev.proximity.business;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.system.IdGenerator;
import dev.proximity.system.PayloadTooLargeException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk import: every row is validated like a single create and streamed into {@code COPY} on one
 * transaction. Any bad row rolls the whole import back and the 422 lists the failing lines; good rows are
 * all committed together or not at all.
 */
@Service
public class BusinessImportService {

    private final DataSource dataSource;
    private final ChangeLog changeLog;
    private final Validator validator;
    private final ObjectMapper json;
    private final IdGenerator ids;
    private final ApplicationEventPublisher events;
    private final ImportProperties properties;
    private final Clock clock = Clock.systemUTC();

    BusinessImportService(DataSource dataSource, ChangeLog changeLog, Validator validator, ObjectMapper json,
            IdGenerator ids, ApplicationEventPublisher events, ImportProperties properties) {
        this.dataSource = dataSource;
        this.changeLog = changeLog;
        this.validator = validator;
        this.json = json;
        this.ids = ids;
        this.events = events;
        this.properties = properties;
    }

    enum Format {
        CSV, NDJSON
    }

    @Transactional
    long importAll(AuthenticatedOwner owner, Format format, InputStream body) throws IOException {
        Utf8Reader text = new Utf8Reader(new BoundedInputStream(body, properties.maxBytes()));
        ImportRowSource source = format == Format.CSV ? new CsvRowSource(text, properties.maxRecordChars())
                : new NdjsonRowSource(json, text, properties.maxRecordChars());
        return load(owner.id(), sink -> {
            while (source.next(sink)) {
                // each row goes to the sink as it is read
            }
        });
    }

    /** Loads businesses the application generated itself (demo data) the same way, for one owner. */
    @Transactional
    public long importRequests(long ownerId, Iterable<BusinessRequest> requests) {
        try {
            return load(ownerId, sink -> {
                long line = 0;
                for (BusinessRequest request : requests) {
                    sink.row(++line, request);
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** COPY runs as long as the upload: this transaction only gets the import's own, longer statement timeout. */
    private void allowLongStatement(java.sql.Connection connection) {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL statement_timeout = " + properties.statementTimeout().toMillis());
        } catch (java.sql.SQLException e) {
            throw new DataAccessResourceFailureException("Could not set the import's statement timeout", e);
        }
    }

    private interface RowFeed {
        void feed(ImportRowSource.RowSink sink) throws IOException;
    }

    private long load(long ownerId, RowFeed rows) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        java.sql.Connection connection = DataSourceUtils.getConnection(dataSource);
        allowLongStatement(connection);
        try (BusinessCopyWriter copy = new BusinessCopyWriter(connection, json, ids::nextId)) {
            Collector collector = new Collector(ownerId, now, copy);
            rows.feed(collector);
            if (collector.errorCount > 0) {
                throw ImportRejectedException.of(collector.errors, collector.errorCount);
            }
            if (collector.imported == 0) {
                return 0;
            }
            long sent = copy.finish();
            if (sent != collector.imported) {
                throw new IllegalStateException("validated " + collector.imported + " rows but sent " + sent);
            }
            long position = changeLog.appendImport(ownerId, copy.firstId(), copy.lastId(), sent);
            events.publishEvent(new BusinessesImported(ownerId, copy.firstId(), copy.lastId(), sent, position));
            return sent;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into business failed", e);
        }
    }

    /** Validates each row, writes the good ones while all is well, and keeps the first failing lines. */
    private final class Collector implements ImportRowSource.RowSink {

        final long ownerId;
        final Instant now;
        final BusinessCopyWriter copy;
        final List<ImportLineError> errors = new ArrayList<>();
        long errorCount;
        long imported;

        Collector(long ownerId, Instant now, BusinessCopyWriter copy) {
            this.ownerId = ownerId;
            this.now = now;
            this.copy = copy;
        }

        @Override
        public void row(long line, BusinessRequest request) {
            Set<ConstraintViolation<BusinessRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                ConstraintViolation<BusinessRequest> first = violations.stream()
                        .min(java.util.Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
                error(line, first.getPropertyPath() + " " + first.getMessage());
                return;
            }
            if (!request.hoursProblems().isEmpty()) {
                var problem = request.hoursProblems().get(0);
                error(line, problem.field() + " " + problem.message());
                return;
            }
            if (imported + errorCount >= properties.maxRows()) {
                throw PayloadTooLargeException.tooManyRows(properties.maxRows());
            }
            if (errorCount > 0) {
                imported++; // counted, but nothing more is written once the import is doomed
                return;
            }
            try {
                copy.write(ownerId, request, now);
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("COPY into business failed", e);
            }
            imported++;
        }

        @Override
        public void error(long line, String message) {
            errorCount++;
            if (errors.size() < properties.maxErrors()) {
                errors.add(new ImportLineError(line, message));
            }
        }
    }
}
