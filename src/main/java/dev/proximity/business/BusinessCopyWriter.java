package dev.proximity.business;

import java.io.ByteArrayOutputStream;
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

    private final CopyIn copy;
    private final ObjectMapper json;
    private final ByteArrayOutputStream chunk = new ByteArrayOutputStream(CHUNK_BYTES + 4096);
    private final StringBuilder row = new StringBuilder(512);
    private boolean finished;

    BusinessCopyWriter(Connection connection, ObjectMapper json) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        this.json = json;
    }

    void write(long id, long ownerId, BusinessRequest b, Instant now) throws SQLException {
        row.setLength(0);
        row.append(id).append('\t').append(ownerId).append('\t');
        text(b.name()).text(b.category());
        row.append(b.latitude()).append('\t').append(b.longitude()).append('\t');
        text(b.address()).text(b.city()).text(b.state()).text(b.country()).text(b.postalCode()).text(b.phone())
                .text(b.website()).text(b.timeZone()).text(hoursJson(b));
        text(Business.geohashOf(b.latitude(), b.longitude()));
        row.append(Business.s2CellOf(b.latitude(), b.longitude())).append("\t0\t").append(now).append('\t').append(now).append('\n');
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        chunk.write(bytes, 0, bytes.length);
        if (chunk.size() >= CHUNK_BYTES) {
            flush();
        }
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
        if (chunk.size() > 0) {
            copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
            chunk.reset();
        }
    }

    private String hoursJson(BusinessRequest b) {
        try {
            return json.writeValueAsString(b.hours());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends one text column, escaped for COPY's text format; null becomes {@code \N}. */
    private BusinessCopyWriter text(String value) {
        if (value == null) {
            row.append("\\N\t");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        row.append('\t');
        return this;
    }
}
