package dev.proximity.business;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.geo.KeySort;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Streams businesses into PostgreSQL with {@code COPY ... FROM STDIN} (text format) in bounded memory. Runs on
 * the caller's transaction's connection, so a rollback undoes it.
 * <p>
 * Each row is encoded (no per-row String or byte[]) and appended to a batch of up to {@value #MAX_BATCH_ROWS}
 * rows; a second thread sorts each full batch by S2 cell, numbers it with fresh ids in that order and sends it,
 * while the caller fills the other batch. Inserting into the {@code s2_cell} and {@code geohash} indexes in cell
 * order (and into the primary key in id order) keeps PostgreSQL on the same few index pages instead of a random
 * page per row: 10 s instead of 18 s of server CPU per million rows.
 * <p>
 * Memory grows with the data, within the import's {@link ImportMemory.Lease}: nothing is allocated before the
 * first row; a batch starts small and doubles while the lease can grow (up to 16 MiB), and a batch that cannot
 * grow is simply full sooner. The lease's floor ({@link #floorBytes}) covers what must be there whatever the
 * budget: two small batches that each take the largest row, the row being encoded, and the sender's chunk.
 * <p>
 * The writer starts without a connection ({@link #attach} gives it one): the first batch fills before the import
 * takes a primary connection, so a small import never holds one while its client is still sending.
 */
final class BusinessCopyWriter implements AutoCloseable {

    private static final String COPY = "COPY business (id, owner_id, name, category, latitude, longitude, address, "
            + "city, state, country, postal_code, phone, website, time_zone, hours, geohash, s2_cell, version, "
            + "created_at, updated_at) FROM STDIN (FORMAT text)";
    static final int MAX_BATCH_ROWS = 1 << 16;
    static final int MAX_BATCH_BYTES = 16 << 20;
    private static final int FIRST_BATCH_ROWS = 1 << 10;
    private static final int FIRST_BATCH_BYTES = 64 << 10;
    private static final int SEND_CHUNK_BYTES = 256 << 10;
    /** Bytes a batch needs per row it can hold: start offset, S2 key, and the sort's copies of both. */
    private static final int ROW_BYTES = 4 + 8 + 24;
    /** The columns an encoded row has beyond its text: ids, numbers, geohash, timestamps, tabs, {@code \N}s. */
    private static final int FIXED_ROW_BYTES = 512;
    /** Handed to the sender after the last batch. */
    private static final Batch END = new Batch(0, 0);

    private final ImportMemory.Lease memory;
    private final ObjectMapper json;
    private final LongSupplier ids;
    private final int maxBatchRows;
    private final int maxBatchBytes;
    /** Capacity a batch may take without asking the lease to grow: the floor reserved it. */
    private final int floorBatchBytes;
    private final int maxRowBytes;

    private CopyManager copies;
    /** The COPY of the batch being sent; only the sender touches it until it has been joined. */
    private CopyIn copy;
    private final BlockingQueue<Batch> full = new LinkedBlockingQueue<>();
    private final BlockingQueue<Batch> free = new LinkedBlockingQueue<>();
    private Thread sender;
    private boolean spareMade;
    /** The first failure of the sender; once set, it drops what it is handed. */
    private volatile SQLException failure;
    private volatile boolean aborted;
    /** Batches handed to the sender and not yet sent; with none, the connection idles since {@link #idleSince}. */
    private final AtomicInteger unsent = new AtomicInteger();
    private volatile long idleSince;
    /** Written by the sender, read by the caller after joining it. */
    private long sent;
    /** {@link #sent} as of the last finished COPY, for progress readers on other threads. */
    private volatile long rowsSent;
    private long firstId;
    private long lastId;

    /** The row being encoded (or, before {@link #attach}, the row that did not fit: see {@link #needsConnection}). */
    private byte[] row = new byte[256];
    private int rowLength;
    private long rowKey;
    private boolean rowPending;
    private Batch current;
    /** {@code created_at} and {@code updated_at}: the same instant for every row of one import. */
    private byte[] timestamps = new byte[0];
    private Instant timestampsOf;
    private boolean finished;

    /**
     * @param maxRecordChars the longest record the rows come from; it bounds the encoded row, see
     *                       {@link #floorBytes}
     */
    BusinessCopyWriter(ImportMemory.Lease memory, ObjectMapper json, LongSupplier ids, int maxRecordChars) {
        this(memory, json, ids, maxRecordChars, MAX_BATCH_ROWS, MAX_BATCH_BYTES);
    }

    /** With other batch limits: for tests that cross batch boundaries with a few rows. */
    BusinessCopyWriter(ImportMemory.Lease memory, ObjectMapper json, LongSupplier ids, int maxRecordChars,
            int maxBatchRows, int maxBatchBytes) {
        this.memory = memory;
        this.json = json;
        this.ids = ids;
        this.maxBatchRows = maxBatchRows;
        this.maxBatchBytes = maxBatchBytes;
        this.maxRowBytes = maxRowBytes(maxRecordChars);
        this.floorBatchBytes = Math.min(maxBatchBytes, FIRST_BATCH_BYTES + maxRowBytes);
    }

    /**
     * What one writer may need whatever the budget: two batches of {@link #FIRST_BATCH_ROWS} rows that can each
     * take the largest row, that row being encoded, and the sender's chunk. About 1 MiB for 64 Ki characters.
     */
    static long floorBytes(int maxRecordChars) {
        long maxRow = maxRowBytes(maxRecordChars);
        long batch = FIRST_BATCH_BYTES + maxRow + (long) FIRST_BATCH_ROWS * ROW_BYTES;
        return 2 * batch + maxRow + SEND_CHUNK_BYTES;
    }

    /** A record's characters become at most three bytes each in UTF-8 (escapes take two for one ASCII char). */
    private static int maxRowBytes(int maxRecordChars) {
        return 3 * maxRecordChars + FIXED_ROW_BYTES;
    }

    /**
     * Queues one row; its id is given when its batch is sent (see {@link #finish}). Before {@link #attach}, a row
     * that does not fit the first batch is kept aside and {@link #needsConnection} says so: call {@link #attach}
     * before writing more.
     */
    void write(long ownerId, BusinessRequest b, Instant now) throws SQLException {
        if (rowPending) {
            throw new IllegalStateException("attach a connection first: the first batch is full");
        }
        rowLength = 0;
        encode(ownerId, b, now);
        rowKey = Business.s2CellOf(b.latitude(), b.longitude());
        if (rowLength > maxBatchBytes) {
            throw new IllegalArgumentException("one row is larger than " + maxBatchBytes + " bytes");
        }
        place();
    }

    /** Whether the first batch is full and a row waits for {@link #attach}. */
    boolean needsConnection() {
        return rowPending;
    }

    /** Whether anything was written that is not sent yet. */
    boolean hasRows() {
        return rowPending || current != null && current.rows > 0;
    }

    /**
     * Starts sending on {@code connection} (the import's transaction): the batch filled so far goes at once, and
     * every batch filled from now on as soon as it is full.
     */
    void attach(Connection connection) throws SQLException {
        this.copies = connection.unwrap(PGConnection.class).getCopyAPI();
        this.idleSince = System.nanoTime();
        this.sender = new Thread(this::sendBatches, "import-copy");
        sender.setDaemon(true);
        sender.start();
        if (rowPending) {
            rowPending = false;
            handOff();
            place();
        }
    }

    /**
     * Whether the connection has had nothing to do for longer than {@code nanos} (no batch being sent): the
     * transaction sits idle while the client is slow.
     */
    boolean idleLongerThan(long nanos) {
        return sender != null && unsent.get() == 0 && System.nanoTime() - idleSince > nanos;
    }

    /** Sends the rows queued so far now, without waiting for the batch to fill (keeps a slow import's session busy). */
    void sendNow() throws SQLException {
        if (sender != null && current != null && current.rows > 0) {
            handOff();
        }
    }

    /** Sends what is left and ends the COPY; the ids given were {@link #firstId()} to {@link #lastId()}. */
    long finish() throws SQLException {
        if (sender == null) {
            throw new IllegalStateException("attach a connection first");
        }
        if (current != null && current.rows > 0) {
            unsent.incrementAndGet();
            full.add(current);
            current = null;
        }
        stopSender();
        if (failure != null) {
            throw failure;
        }
        finished = true;
        return sent;
    }

    /** Rows whose COPY has ended (in the import's transaction, so visible only once it commits); any thread. */
    long rowsSent() {
        return rowsSent;
    }

    long firstId() {
        return firstId;
    }

    long lastId() {
        return lastId;
    }

    @Override
    public void close() throws SQLException {
        if (!finished && sender != null) {
            aborted = true;
            stopSender();
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Appends the encoded row to the current batch, growing it, or handing it off when it is full. */
    private void place() throws SQLException {
        if (current == null) {
            current = newBatch();
        }
        if (!current.fits(rowLength) && !grow(current)) {
            if (sender == null) {
                rowPending = true;
                return;
            }
            handOff();
            if (!current.fits(rowLength) && !grow(current)) {
                throw new IllegalStateException("an empty batch cannot take a row of " + rowLength + " bytes");
            }
        }
        current.append(row, rowLength, rowKey);
    }

    private Batch newBatch() {
        return new Batch(Math.min(FIRST_BATCH_ROWS, maxBatchRows), Math.min(FIRST_BATCH_BYTES, floorBatchBytes));
    }

    /**
     * Makes room for the encoded row in {@code batch}: more rows or bytes, doubled, within the batch limits and
     * what the lease can grow by (beyond the floor's share). False when the batch is full as it is.
     */
    private boolean grow(Batch batch) {
        int rows = batch.rows == batch.starts.length ? batch.starts.length * 2 : batch.starts.length;
        int bytes = batch.bytes.length;
        while (bytes - batch.length < rowLength) {
            bytes = bytes * 2;
        }
        if (rows > maxBatchRows || bytes > maxBatchBytes && batch.rows > 0) {
            return false;
        }
        bytes = Math.min(bytes, maxBatchBytes); // an empty batch: the row itself is at most that (see write)
        long before = batch.cost();
        long after = Batch.cost(rows, bytes);
        long beyondFloorBefore = Math.max(0, before - Batch.cost(FIRST_BATCH_ROWS, floorBatchBytes));
        long beyondFloorAfter = Math.max(0, after - Batch.cost(FIRST_BATCH_ROWS, floorBatchBytes));
        // both arrays live while the rows are copied: reserve the new one whole, then give back the old one
        if (beyondFloorAfter > 0 && !memory.tryGrow(beyondFloorAfter)) {
            return false;
        }
        batch.resize(rows, bytes);
        memory.shrink(beyondFloorBefore);
        return true;
    }

    /** Gives the filled batch to the sender and takes the other one, waiting while it is still being sent. */
    private void handOff() throws SQLException {
        unsent.incrementAndGet();
        full.add(current);
        current = null;
        if (spareMade) {
            current = take(free);
        } else {
            spareMade = true;
            current = newBatch();
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
            idleSince = System.nanoTime();
            unsent.decrementAndGet();
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
            if (used > 0 && used + 21 + rowBytes > out.length) {
                copy.writeToCopy(out, 0, used);
                used = 0;
            }
            long id = ids.getAsLong();
            if (sent == 0) {
                firstId = id;
            }
            lastId = id;
            sent++;
            used = putNumber(out, used, id);
            out[used++] = '\t';
            if (used + rowBytes > out.length) { // a row larger than the chunk goes from the batch itself
                copy.writeToCopy(out, 0, used);
                copy.writeToCopy(batch.bytes, from, rowBytes);
                used = 0;
            } else {
                System.arraycopy(batch.bytes, from, out, used, rowBytes);
                used += rowBytes;
            }
        }
        if (used > 0) {
            copy.writeToCopy(out, 0, used);
        }
        copy.endCopy();
        rowsSent = sent;
    }

    private static int putNumber(byte[] out, int at, long value) {
        String digits = Long.toString(value);
        for (int i = 0; i < digits.length(); i++) {
            out[at++] = (byte) digits.charAt(i);
        }
        return at;
    }

    /** Everything after the id column, ending with the newline, into {@link #row}. */
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
        ensure(timestamps.length);
        System.arraycopy(timestamps, 0, row, rowLength, timestamps.length);
        rowLength += timestamps.length;
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
        byte[] out = row;
        int length = rowLength;
        for (int i = 0; i < n; i++) {
            out[length++] = (byte) value.charAt(i);
        }
        out[length++] = '\t';
        rowLength = length;
        return this;
    }

    /**
     * Appends one text column as UTF-8, escaped for COPY's text format; null becomes {@code \N}. An unpaired
     * surrogate (which no request lets through) becomes {@code ?}, as the JDK's encoder writes it.
     */
    private BusinessCopyWriter text(String value) {
        if (value == null) {
            ensure(3);
            row[rowLength++] = '\\';
            row[rowLength++] = 'N';
            row[rowLength++] = '\t';
            return this;
        }
        int n = value.length();
        ensure(3 * n + 1); // at most three bytes per char (a pair's four bytes are two chars)
        byte[] out = row;
        int length = rowLength;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> {
                        out[length++] = '\\';
                        out[length++] = '\\';
                    }
                    case '\t' -> {
                        out[length++] = '\\';
                        out[length++] = 't';
                    }
                    case '\n' -> {
                        out[length++] = '\\';
                        out[length++] = 'n';
                    }
                    case '\r' -> {
                        out[length++] = '\\';
                        out[length++] = 'r';
                    }
                    default -> out[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[length++] = (byte) (0xC0 | c >> 6);
                out[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                out[length++] = (byte) (0xF0 | cp >> 18);
                out[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[length++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[length++] = '?';
            } else {
                out[length++] = (byte) (0xE0 | c >> 12);
                out[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        out[length++] = '\t';
        rowLength = length;
        return this;
    }

    /**
     * Makes room for {@code bytes} more in the row being encoded. Within the largest row a record may make this
     * is covered by the floor; rows from elsewhere (demo data) are small.
     */
    private void ensure(int bytes) {
        if (rowLength + bytes > row.length) {
            row = Arrays.copyOf(row, Math.max(row.length * 2, rowLength + bytes));
        }
    }

    /** Up to a batch's rows, encoded (id column left out) and their S2 cells, in arrival order. */
    private static final class Batch {

        byte[] bytes;
        int[] starts;
        long[] keys;
        int rows;
        int length;

        Batch(int rows, int bytes) {
            this.bytes = new byte[bytes];
            this.starts = new int[rows];
            this.keys = new long[rows];
        }

        static long cost(int rows, int bytes) {
            return bytes + (long) rows * ROW_BYTES;
        }

        long cost() {
            return cost(starts.length, bytes.length);
        }

        boolean fits(int rowBytes) {
            return rows < starts.length && length + rowBytes <= bytes.length;
        }

        void resize(int rows, int bytes) {
            if (rows != starts.length) {
                starts = Arrays.copyOf(starts, rows);
                keys = Arrays.copyOf(keys, rows);
            }
            if (bytes != this.bytes.length) {
                this.bytes = Arrays.copyOf(this.bytes, bytes);
            }
        }

        void append(byte[] row, int rowLength, long key) {
            System.arraycopy(row, 0, bytes, length, rowLength);
            starts[rows] = length;
            keys[rows] = key;
            rows++;
            length += rowLength;
        }

        void clear() {
            rows = 0;
            length = 0;
        }
    }
}
