package dev.proximity.business;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import: every row is validated like a single create and streamed into {@code COPY} on one
 * transaction. Any bad row rolls the whole import back and the 422 lists the failing lines; good rows are
 * all committed together or not at all.
 * <p>
 * An import is admitted within the instance's caps ({@link ImportSlots}, {@link ImportMemory}), then reads and
 * validates its rows with no database connection until its first batch is full or its body has ended: a small
 * import takes its primary connection only for the moment its rows are written, however slowly its client
 * sends. A larger one opens its transaction then and streams the rest; while it waits for its client, it sends
 * what it has at least every {@code max-transaction-wait}, or ends with 408 when nothing came, so PostgreSQL's
 * idle-in-transaction timeout never ends it first. A bad row found while the transaction is open rolls it back
 * at once; the rest of the body is then only read for the 422's count.
 */
@Service
public class BusinessImportService {

    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final ChangeLog changeLog;
    private final Validator validator;
    private final ObjectMapper json;
    private final IdGenerator ids;
    private final ApplicationEventPublisher events;
    private final ImportProperties properties;
    private final ImportSlots slots;
    private final ImportMemory memory;
    private final Clock clock = Clock.systemUTC();

    BusinessImportService(DataSource dataSource, TransactionTemplate transaction, ChangeLog changeLog,
            Validator validator, ObjectMapper json, IdGenerator ids, ApplicationEventPublisher events,
            ImportProperties properties, ImportSlots slots, ImportMemory memory) {
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.changeLog = changeLog;
        this.validator = validator;
        this.json = json;
        this.ids = ids;
        this.events = events;
        this.properties = properties;
        this.slots = slots;
        this.memory = memory;
        if (memory.budgetBytes() < floorBytes()) {
            throw new IllegalStateException("proximity.import.memory-budget (" + memory.budgetBytes() + " bytes) is"
                    + " smaller than what one import needs at least (" + floorBytes() + " bytes with"
                    + " proximity.import.max-record-chars=" + properties.maxRecordChars() + "): no import could run");
        }
    }

    enum Format {
        CSV, NDJSON
    }

    long importAll(AuthenticatedOwner owner, Format format, InputStream body) throws IOException {
        try (Admission admitted = admit(owner.id())) {
            UploadInput upload = upload(body);
            return load(owner.id(), rows(format, upload), admitted.lease(), upload, new ImportProgress(), sent -> { });
        }
    }

    /**
     * The caps an import must pass before a byte of it is read (429 or 503 when it may not run now); closing the
     * admission gives its slot and memory back.
     */
    Admission admit(long ownerId) {
        ImportSlots.Slot slot = slots.acquire(ownerId);
        try {
            return new Admission(slot, memory.lease(floorBytes()));
        } catch (RuntimeException refused) {
            slot.close();
            throw refused;
        }
    }

    /** An import body as it arrives, within the byte cap and the upload deadline. */
    UploadInput upload(InputStream body) {
        return new UploadInput(body, properties.maxBytes(), properties.uploadTimeout());
    }

    /**
     * Imports a body already received in full (a background job's spool). {@code beforeCommit} runs in the
     * import's transaction with the number of rows written, after everything else, and may throw to roll it back.
     */
    long importReceived(long ownerId, Format format, InputStream body, Admission admitted, ImportProgress progress,
            LongConsumer beforeCommit) throws IOException {
        return load(ownerId, rows(format, body), admitted.lease(), null, progress, beforeCommit);
    }

    private ImportRowSource rows(Format format, InputStream body) {
        Utf8Reader text = new Utf8Reader(body);
        return format == Format.CSV ? new CsvRowSource(text, properties.maxRecordChars())
                : new NdjsonRowSource(json, text, properties.maxRecordChars());
    }

    /** An import's slot and share of the memory budget, held until it ends however it ends. */
    record Admission(ImportSlots.Slot slot, ImportMemory.Lease lease) implements AutoCloseable {

        @Override
        public void close() {
            try {
                lease.close();
            } finally {
                slot.close();
            }
        }
    }

    /** Loads businesses the application generated itself (demo data) the same way, for one owner. */
    public long importRequests(long ownerId, Iterable<BusinessRequest> requests) {
        Iterator<BusinessRequest> rows = requests.iterator();
        ImportRowSource source = new ImportRowSource() {
            private long line;

            @Override
            public boolean next(RowSink sink) {
                if (!rows.hasNext()) {
                    return false;
                }
                sink.row(++line, rows.next());
                return true;
            }
        };
        try (ImportMemory.Lease lease = memory.lease(floorBytes())) {
            return load(ownerId, source, lease, null, new ImportProgress(), sent -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one import's buffers may take whatever the budget (see {@link BusinessCopyWriter#floorBytes}). */
    private long floorBytes() {
        // the reader's buffers, and one record held as characters, as a String and as the parser's copy
        long reading = Utf8Reader.BUFFER_BYTES + 6L * Character.BYTES * properties.maxRecordChars();
        return BusinessCopyWriter.floorBytes(properties.maxRecordChars()) + reading;
    }

    private long load(long ownerId, ImportRowSource source, ImportMemory.Lease lease, UploadInput upload,
            ImportProgress progress, LongConsumer beforeCommit) throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (BusinessCopyWriter copy = new BusinessCopyWriter(lease, json, ids::nextId, properties.maxRecordChars())) {
            progress.writingTo(copy);
            Collector collector = new Collector(ownerId, now, copy, progress);
            while (!copy.needsConnection() && source.next(collector)) {
                // no connection yet: the rows wait in the first batch
            }
            if (collector.errorCount > 0 || !copy.needsConnection() && !copy.hasRows()) {
                while (source.next(collector)) {
                    // nothing is written once a line was bad
                }
                return finishWithoutWriting(collector);
            }
            try {
                return transaction.execute(status -> write(ownerId, source, collector, copy, upload, beforeCommit));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (Doomed doomed) {
                // rolled back: the rest of the body is only read to count its bad lines
                while (source.next(collector)) {
                    // nothing is written once a line was bad
                }
                return finishWithoutWriting(collector);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into business failed", e);
        }
    }

    private long finishWithoutWriting(Collector collector) {
        if (collector.errorCount > 0) {
            throw ImportRejectedException.of(collector.errors, collector.errorCount);
        }
        return 0;
    }

    /** The import's transaction: everything read so far is sent, then the rest as it comes. */
    private long write(long ownerId, ImportRowSource source, Collector collector, BusinessCopyWriter copy,
            UploadInput upload, LongConsumer beforeCommit) {
        try {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            allowLongStatement(connection);
            copy.attach(connection);
            if (upload != null) {
                upload.afterEachRead(() -> keepTransactionBusy(copy));
            }
            while (collector.errorCount == 0 && source.next(collector)) {
                // each row is sent with its batch
            }
            if (collector.errorCount > 0) {
                throw new Doomed();
            }
            long sent = copy.finish();
            if (sent != collector.imported) {
                throw new IllegalStateException("validated " + collector.imported + " rows but sent " + sent);
            }
            long position = changeLog.appendImport(ownerId, copy.firstId(), copy.lastId(), sent);
            events.publishEvent(new BusinessesImported(ownerId, copy.firstId(), copy.lastId(), sent, position));
            beforeCommit.accept(sent);
            return sent;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into business failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (upload != null) {
                upload.afterEachRead(() -> { });
            }
            try {
                copy.close(); // before the rollback, if there is one: no COPY may still be running
            } catch (SQLException e) {
                // the rollback follows and discards it all anyway
            }
        }
    }

    /**
     * Runs after every read of the body while the transaction is open: a session idle for longer than
     * {@code max-transaction-wait} sends the rows it has, or with none the slow upload is cut (408).
     */
    private void keepTransactionBusy(BusinessCopyWriter copy) {
        if (!copy.idleLongerThan(properties.maxTransactionWait().toNanos())) {
            return;
        }
        if (!copy.hasRows()) {
            throw IncompleteUploadException.noRowsFor(properties.maxTransactionWait());
        }
        try {
            copy.sendNow();
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY into business failed", e);
        }
    }

    /** COPY may run longer than the sessions' short statement timeout: this transaction gets the import's own. */
    private void allowLongStatement(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL statement_timeout = " + properties.statementTimeout().toMillis());
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not set the import's statement timeout", e);
        }
    }

    /** A bad line while the transaction was open: roll it back now rather than at the end of the body. */
    private static final class Doomed extends RuntimeException {
        Doomed() {
            super(null, null, false, false);
        }
    }

    /** Validates each row, writes the good ones while all is well, and keeps the first failing lines. */
    private final class Collector implements ImportRowSource.RowSink {

        final long ownerId;
        final Instant now;
        final BusinessCopyWriter copy;
        final ImportProgress progress;
        final List<ImportLineError> errors = new ArrayList<>();
        long errorCount;
        long imported;

        Collector(long ownerId, Instant now, BusinessCopyWriter copy, ImportProgress progress) {
            this.ownerId = ownerId;
            this.now = now;
            this.copy = copy;
            this.progress = progress;
        }

        @Override
        public void row(long line, BusinessRequest request) {
            progress.read(imported + errorCount + 1);
            Set<ConstraintViolation<BusinessRequest>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                ConstraintViolation<BusinessRequest> first = violations.stream()
                        .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
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
            progress.read(imported + errorCount + 1);
            errorCount++;
            if (errors.size() < properties.maxErrors()) {
                errors.add(new ImportLineError(line, message));
            }
        }
    }
}
