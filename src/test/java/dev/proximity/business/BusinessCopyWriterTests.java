package dev.proximity.business;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import's COPY writer with tiny batches, so that a few rows cross every boundary: batches sorted by S2
 * cell and numbered in that order, a row that does not fit the rest of a batch, one COPY per batch on one
 * transaction, and an abort that leaves nothing behind.
 */
@ApiIntegrationTest
class BusinessCopyWriterTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    long ownerId;
    final AtomicLong ids = new AtomicLong(System.nanoTime() & ((1L << 50) - 1));
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void newOwner() {
        ownerId = Long.parseLong(new ApiClient(port).newOwner().id());
    }

    @Test
    void writesEveryRowOnceWithIdsInCellOrderWithinEachBatch() throws SQLException {
        List<BusinessRequest> rows = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // spread over the world, so that a batch's arrival order is not its cell order
            double latitude = ((i * 37) % 170) - 85 + 0.123;
            double longitude = ((i * 101) % 350) - 175 + 0.456;
            String address = i == 7 ? "x".repeat(450) : null; // does not fit the rest of its batch
            rows.add(request("Business " + i, latitude, longitude, address));
        }
        long sent;
        long first;
        long last;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (BusinessCopyWriter writer = new BusinessCopyWriter(connection, json, ids::incrementAndGet, 5, 1024)) {
                for (BusinessRequest row : rows) {
                    writer.write(ownerId, row, now);
                }
                sent = writer.finish();
                first = writer.firstId();
                last = writer.lastId();
            }
            connection.commit();
        }

        assertThat(sent).isEqualTo(23);
        List<Map<String, Object>> stored = jdbc.queryForList(
                "SELECT id, name, address, s2_cell FROM business WHERE owner_id = ? ORDER BY id", ownerId);
        assertThat(stored).hasSize(23);
        assertThat(stored.get(0).get("id")).isEqualTo(first);
        assertThat(stored.get(22).get("id")).isEqualTo(last);
        assertThat(stored).extracting(r -> r.get("name"))
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(BusinessRequest::name).toList());
        assertThat(stored).filteredOn(r -> "Business 7".equals(r.get("name")))
                .extracting(r -> r.get("address")).containsExactly("x".repeat(450));
        // within a batch (5 rows, or fewer where the long row cut one short), ids follow the S2 cell
        int descents = 0;
        for (int i = 1; i < stored.size(); i++) {
            if ((long) stored.get(i).get("s2_cell") < (long) stored.get(i - 1).get("s2_cell")) {
                descents++;
            }
        }
        assertThat(descents).as("cell order breaks only between batches").isLessThanOrEqualTo(6);
    }

    @Test
    void closingWithoutFinishingLeavesNothing() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (BusinessCopyWriter writer = new BusinessCopyWriter(connection, json, ids::incrementAndGet, 2, 1024)) {
                for (int i = 0; i < 7; i++) {
                    writer.write(ownerId, request("Abandoned " + i, 10 + i, 20 + i, null), now);
                }
            }
            connection.rollback();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business WHERE owner_id = ?", Long.class, ownerId))
                .isZero();
    }

    @Test
    void aRowLargerThanABatchIsRefused() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (BusinessCopyWriter writer = new BusinessCopyWriter(connection, json, ids::incrementAndGet, 5, 256)) {
                assertThatThrownBy(() -> writer.write(ownerId, request("Huge", 1, 2, "y".repeat(400)), now))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            connection.rollback();
        }
    }

    private static BusinessRequest request(String name, double latitude, double longitude, String address) {
        return new BusinessRequest(name, "cafe", latitude, longitude, address, null, null, null, null, null, null,
                null, null);
    }
}
