package dev.proximity.business;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams businesses into PostgreSQL with {@code COPY ... FROM STDIN} (text format), in 1 MiB chunks: the
 * fastest way in, in constant memory. Runs on the caller's transaction's connection, so a rollback undoes it.
 */
final class BusinessCopyWriter implements AutoCloseable {

    private static final String COPY = "COPY business (id, owner_id, name, category, latitude, longitude, address, "
            + "city, state, country, postal_code, phone, website, time_zone, hours, geohash, s2_cell, version, "
            + "created_at, updated_at) FROM STDIN (FORMAT text)";
    private static final int CHUNK_BYTES = 1 << 20;
    /** Room kept free before a row starts, so that a typical row never flushes half-way. */
    private static final int ROW_RESERVE = 8 << 10;

    private final CopyIn copy;
    private final ObjectMapper json;
    /** Rows are encoded straight into this buffer (no per-row String or byte[]), sent when it is full. */
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private int length;
    /** {@code created_at} and {@code updated_at}: the same instant for every row of one import. */
    private byte[] timestamps = new byte[0];
    private Instant timestampsOf;
    private boolean finished;

    BusinessCopyWriter(Connection connection, ObjectMapper json) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        this.json = json;
    }

    void write(long id, long ownerId, BusinessRequest b, Instant now) throws SQLException {
        if (length > CHUNK_BYTES - ROW_RESERVE) {
            flush();
        }
        try {
            encode(id, ownerId, b, now);
        } catch (CopyFailed e) {
            throw (SQLException) e.getCause();
        }
    }

    private void encode(long id, long ownerId, BusinessRequest b, Instant now) {
        number(id).number(ownerId);
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

    long finish() throws SQLException {
        flush();
        finished = true;
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (!finished && copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(chunk, 0, length);
            length = 0;
        }
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
        for (int i = 0; i < n; i++) {
            chunk[length++] = (byte) value.charAt(i);
        }
        chunk[length++] = '\t';
        return this;
    }

    /** Appends one text column as UTF-8, escaped for COPY's text format; null becomes {@code \N}. */
    private BusinessCopyWriter text(String value) {
        if (value == null) {
            ensure(3);
            chunk[length++] = '\\';
            chunk[length++] = 'N';
            chunk[length++] = '\t';
            return this;
        }
        int n = value.length();
        ensure(2 * n + 1); // ASCII: at most two bytes per char (escapes)
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return textSlow(value, i);
            }
            switch (c) {
                case '\\' -> escape('\\');
                case '\t' -> escape('t');
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                default -> chunk[length++] = (byte) c;
            }
        }
        chunk[length++] = '\t';
        return this;
    }

    /** The rest of a column from {@code from} on, when it holds non-ASCII text: encoded through a String. */
    private BusinessCopyWriter textSlow(String value, int from) {
        byte[] rest = value.substring(from).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r").getBytes(StandardCharsets.UTF_8);
        ensure(rest.length + 1);
        put(rest);
        chunk[length++] = '\t';
        return this;
    }

    private void escape(char c) {
        chunk[length++] = '\\';
        chunk[length++] = (byte) c;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, chunk, length, bytes.length);
        length += bytes.length;
    }

    /** Makes room for {@code bytes} more bytes; a row larger than what is left is sent in pieces. */
    private void ensure(int bytes) {
        if (length + bytes > CHUNK_BYTES) {
            try {
                flush();
            } catch (SQLException e) {
                throw new CopyFailed(e);
            }
            if (bytes > CHUNK_BYTES) {
                throw new IllegalArgumentException("one column is larger than " + CHUNK_BYTES + " bytes");
            }
        }
    }

    /** A COPY write that failed while a row was being encoded; {@link #write} rethrows the cause. */
    private static final class CopyFailed extends RuntimeException {
        CopyFailed(SQLException cause) {
            super(cause);
        }
    }
}
