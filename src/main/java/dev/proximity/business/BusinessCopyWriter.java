package dev.proximity.business;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.geo.KeySort;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams businesses into PostgreSQL with {@code COPY ... FROM STDIN} (text format) in constant memory. Runs on
 * the caller's transaction's connection, so a rollback undoes it.
 * <p>
 * Rows are encoded (no per-row String or byte[]) into a batch of up to {@value #BATCH_ROWS} rows; a second
 * thread sorts each full batch by S2 cell, numbers it with fresh ids in that order and sends it, while the
 * caller fills the other batch. Inserting into the {@code s2_cell} and {@code geohash} indexes in cell order
 * (and into the primary key in id order) keeps PostgreSQL on the same few index pages instead of a random
 * page per row: 10 s instead of 18 s of server CPU per million rows. Two batches are all the memory an import takes.
 */
final class BusinessCopyWriter implements AutoCloseable {

    private static final String COPY = "COPY business (id, owner_id, name, category, latitude, longitude, address, "
            + "city, state, country, postal_code, phone, website, time_zone, hours, geohash, s2_cell, version, "
            + "created_at, updated_at) FROM STDIN (FORMAT text)";
    static final int BATCH_ROWS = 1 << 16;
    private static final int BATCH_BYTES = 16 << 20;
    private static final int SEND_CHUNK_BYTES = 1 << 20;
    /** Handed to the sender after the last batch. */
    private static final Batch END = new Batch(0, 0);

    private final CopyManager copies;
    /** The COPY of the batch being sent; only the sender touches it until it has been joined. */
    private CopyIn copy;
    private final ObjectMapper json;
    private final LongSupplier ids;
    private final int batchRows;
    private final BlockingQueue<Batch> full = new LinkedBlockingQueue<>();
    private final BlockingQueue<Batch> free = new LinkedBlockingQueue<>();
    private final Thread sender;
    /** The first failure of the sender; once set, it drops what it is handed. */
    private volatile SQLException failure;
    private volatile boolean aborted;
    /** Written by the sender, read by the caller after joining it. */
    private long sent;
    private long firstId;
    private long lastId;

    private Batch current;
    private int rowStart;
    /** {@code created_at} and {@code updated_at}: the same instant for every row of one import. */
    private byte[] timestamps = new byte[0];
    private Instant timestampsOf;
    private boolean finished;

    BusinessCopyWriter(Connection connection, ObjectMapper json, LongSupplier ids) throws SQLException {
        this(connection, json, ids, BATCH_ROWS, BATCH_BYTES);
    }

    /** With other batch sizes: for tests that cross batch boundaries with a few rows. */
    BusinessCopyWriter(Connection connection, ObjectMapper json, LongSupplier ids, int batchRows, int batchBytes)
            throws SQLException {
        this.copies = connection.unwrap(PGConnection.class).getCopyAPI();
        this.json = json;
        this.ids = ids;
        this.batchRows = batchRows;
        this.current = new Batch(batchRows, batchBytes);
        free.add(new Batch(batchRows, batchBytes));
        this.sender = new Thread(this::sendBatches, "import-copy");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues one row; its id is given when its batch is sent (see {@link #finish}). */
    void write(long ownerId, BusinessRequest b, Instant now) throws SQLException {
        if (current.rows == batchRows) {
            handOff();
        }
        rowStart = current.length;
        try {
            encode(ownerId, b, now);
        } catch (CopyFailed e) {
            throw (SQLException) e.getCause();
        }
        current.keys[current.rows] = Business.s2CellOf(b.latitude(), b.longitude());
        current.starts[current.rows] = rowStart;
        current.rows++;
    }

    /** Everything after the id column, ending with the newline. */
    private void encode(long ownerId, BusinessRequest b, Instant now) {
        number(ownerId);
        text(b.name()).text(b.category());
        ascii(Double.toString(b.latitude())).ascii(Double.toString(b.longitude()));
        text(b.address()).text(b.city()).text(b.state()).text(b.country()).text(b.postalCode()).text(b.phone())
                .text(b.website()).text(b.timeZone());
        if (b.hours().isEmpty()) {
            ascii("[]");
        } else {
            text(hoursJson(b));
        }
        ascii(Business.geohashOf(b.latitude(), b.longitude()));
        number(Business.s2CellOf(b.latitude(), b.longitude()));
        number(0);
        if (!now.equals(timestampsOf)) {
            timestampsOf = now;
            timestamps = (now + "\t" + now + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        put(timestamps);
    }

    /** Sends what is left and ends the COPY; the ids given were {@link #firstId()} to {@link #lastId()}. */
    long finish() throws SQLException {
        handOff();
        stopSender();
        if (failure != null) {
            throw failure;
        }
        finished = true;
        return sent;
    }

    long firstId() {
        return firstId;
    }

    long lastId() {
        return lastId;
    }

    @Override
    public void close() throws SQLException {
        if (!finished) {
            aborted = true;
            stopSender();
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Gives the filled batch to the sender and takes the other one, waiting while it is still being sent. */
    private void handOff() throws SQLException {
        if (current.rows > 0) {
            full.add(current);
            current = take(free);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void stopSender() throws SQLException {
        if (!sender.isAlive()) {
            return;
        }
        full.add(END);
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            aborted = true;
            throw new SQLException("interrupted while the import was being sent", e);
        }
    }

    private Batch take(BlockingQueue<Batch> queue) throws SQLException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            aborted = true;
            throw new SQLException("interrupted while the import was being sent", e);
        }
    }

    /** The sender thread: sorts, numbers and sends each batch, then hands it back empty. */
    private void sendBatches() {
        byte[] out = new byte[SEND_CHUNK_BYTES];
        while (true) {
            Batch batch;
            try {
                batch = full.take();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == END) {
                return;
            }
            if (failure == null && !aborted) {
                try {
                    send(batch, out);
                } catch (SQLException e) {
                    failure = e;
                } catch (RuntimeException | Error e) {
                    failure = new SQLException("COPY into business failed", e);
                }
            }
            batch.clear();
            free.add(batch);
        }
    }

    /**
     * One COPY statement per batch: PostgreSQL checks the foreign key of a statement's rows when the statement
     * ends, so this batch's checks overlap the encoding of the next instead of all waiting for the last row.
     */
    private void send(Batch batch, byte[] out) throws SQLException {
        copy = copies.copyIn(COPY);
        int n = batch.rows;
        int[] order = KeySort.sortWithOrder(Arrays.copyOf(batch.keys, n));
        int used = 0;
        for (int k = 0; k < n; k++) {
            int row = order[k];
            int from = batch.starts[row];
            int to = row + 1 < n ? batch.starts[row + 1] : batch.length;
            int rowBytes = to - from;
            if (used + 21 + rowBytes > out.length) {
                copy.writeToCopy(out, 0, used);
                used = 0;
                if (21 + rowBytes > out.length) {
                    out = new byte[21 + rowBytes];
                }
            }
            long id = ids.getAsLong();
            if (sent == 0) {
                firstId = id;
            }
            lastId = id;
            sent++;
            used = putNumber(out, used, id);
            out[used++] = '\t';
            System.arraycopy(batch.bytes, from, out, used, rowBytes);
            used += rowBytes;
        }
        if (used > 0) {
            copy.writeToCopy(out, 0, used);
        }
        copy.endCopy();
    }

    private static int putNumber(byte[] out, int at, long value) {
        String digits = Long.toString(value);
        for (int i = 0; i < digits.length(); i++) {
            out[at++] = (byte) digits.charAt(i);
        }
        return at;
    }

    private String hoursJson(BusinessRequest b) {
        try {
            return json.writeValueAsString(b.hours());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends a bigint column. */
    private BusinessCopyWriter number(long value) {
        return ascii(Long.toString(value));
    }

    /** Appends a column whose characters are ASCII and never need escaping (numbers, geohash, "[]"). */
    private BusinessCopyWriter ascii(String value) {
        int n = value.length();
        ensure(n + 1);
        byte[] chunk = current.bytes;
        int length = current.length;
        for (int i = 0; i < n; i++) {
            chunk[length++] = (byte) value.charAt(i);
        }
        chunk[length++] = '\t';
        current.length = length;
        return this;
    }

    /** Appends one text column as UTF-8, escaped for COPY's text format; null becomes {@code \N}. */
    private BusinessCopyWriter text(String value) {
        if (value == null) {
            ensure(3);
            byte[] chunk = current.bytes;
            chunk[current.length++] = '\\';
            chunk[current.length++] = 'N';
            chunk[current.length++] = '\t';
            return this;
        }
        int n = value.length();
        ensure(2 * n + 1); // ASCII: at most two bytes per char (escapes)
        byte[] chunk = current.bytes;
        int length = current.length;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                current.length = length;
                return textSlow(value, i);
            }
            switch (c) {
                case '\\' -> {
                    chunk[length++] = '\\';
                    chunk[length++] = '\\';
                }
                case '\t' -> {
                    chunk[length++] = '\\';
                    chunk[length++] = 't';
                }
                case '\n' -> {
                    chunk[length++] = '\\';
                    chunk[length++] = 'n';
                }
                case '\r' -> {
                    chunk[length++] = '\\';
                    chunk[length++] = 'r';
                }
                default -> chunk[length++] = (byte) c;
            }
        }
        chunk[length++] = '\t';
        current.length = length;
        return this;
    }

    /** The rest of a column from {@code from} on, when it holds non-ASCII text: encoded through a String. */
    private BusinessCopyWriter textSlow(String value, int from) {
        byte[] rest = value.substring(from).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r").getBytes(StandardCharsets.UTF_8);
        ensure(rest.length + 1);
        put(rest);
        current.bytes[current.length++] = '\t';
        return this;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, current.bytes, current.length, bytes.length);
        current.length += bytes.length;
    }

    /**
     * Makes room for {@code bytes} more bytes in the current batch. When it is full, the rows before this one go
     * to the sender and the part of this row encoded so far moves to the start of the other batch.
     */
    private void ensure(int bytes) {
        if (current.length + bytes <= current.bytes.length) {
            return;
        }
        Batch filled = current;
        int partial = filled.length - rowStart;
        filled.length = rowStart;
        try {
            if (filled.rows > 0) {
                handOff();
            }
        } catch (SQLException e) {
            throw new CopyFailed(e);
        }
        if (current != filled) {
            System.arraycopy(filled.bytes, rowStart, current.bytes, 0, partial);
        }
        // (when the batch held no other row, the partial row is already at its start)
        rowStart = 0;
        current.length = partial;
        if (partial + bytes > current.bytes.length) {
            throw new IllegalArgumentException("one row is larger than " + current.bytes.length + " bytes");
        }
    }

    /** Up to a batch's rows, encoded (id column left out) and their S2 cells, in arrival order. */
    private static final class Batch {

        final byte[] bytes;
        final int[] starts;
        final long[] keys;
        int rows;
        int length;

        Batch(int rows, int bytes) {
            this.bytes = new byte[bytes];
            this.starts = new int[rows];
            this.keys = new long[rows];
        }

        void clear() {
            rows = 0;
            length = 0;
        }
    }

    /** A COPY write that failed while a row was being encoded; {@link #write} rethrows the cause. */
    private static final class CopyFailed extends RuntimeException {
        CopyFailed(SQLException cause) {
            super(cause);
        }
    }
}
