package dev.proximity.business;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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
import static org.awaitility.Awaitility.await;

/**
 * The import's COPY writer with tiny batches, so that a few rows cross every boundary: batches sorted by S2
 * cell and numbered in that order, a row that does not fit the rest of a batch, one COPY per batch on one
 * transaction, and an abort that leaves nothing behind; rows held without a connection until the first batch is
 * full; batches that grow only within the import memory budget.
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

    @Autowired
    ImportMemory memory;

    long ownerId;
    final AtomicLong ids = new AtomicLong(System.nanoTime() & ((1L << 50) - 1));
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    static final int RECORD_CHARS = 1024;

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
            try (ImportMemory.Lease lease = memory.lease(BusinessCopyWriter.floorBytes(RECORD_CHARS));
                    BusinessCopyWriter writer = writer(lease, 5, 1024)) {
                writer.attach(connection);
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
            try (ImportMemory.Lease lease = memory.lease(BusinessCopyWriter.floorBytes(RECORD_CHARS));
                    BusinessCopyWriter writer = writer(lease, 2, 1024)) {
                writer.attach(connection);
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
            try (ImportMemory.Lease lease = memory.lease(BusinessCopyWriter.floorBytes(RECORD_CHARS));
                    BusinessCopyWriter writer = writer(lease, 5, 256)) {
                writer.attach(connection);
                assertThatThrownBy(() -> writer.write(ownerId, request("Huge", 1, 2, "y".repeat(400)), now))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            connection.rollback();
        }
    }

    @Test
    void holdsRowsWithoutAConnectionUntilTheFirstBatchIsFullThenSendsThemAll() throws SQLException {
        try (ImportMemory.Lease lease = memory.lease(BusinessCopyWriter.floorBytes(RECORD_CHARS));
                BusinessCopyWriter writer = writer(lease, 4, 1024)) {
            for (int i = 0; i < 4; i++) {
                writer.write(ownerId, request("Early " + i, 10 + i, 20 + i, null), now);
                assertThat(writer.needsConnection()).as("row %d", i).isFalse();
            }
            writer.write(ownerId, request("Early 4", 14, 24, null), now);
            assertThat(writer.needsConnection()).as("the fifth row waits for a connection").isTrue();
            assertThatThrownBy(() -> writer.write(ownerId, request("Too soon", 1, 2, null), now))
                    .isInstanceOf(IllegalStateException.class);
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                writer.attach(connection);
                writer.write(ownerId, request("Early 5", 15, 25, null), now);
                assertThat(writer.finish()).isEqualTo(6);
                connection.commit();
            }
        }
        assertThat(jdbc.queryForList("SELECT name FROM business WHERE owner_id = ?", String.class, ownerId))
                .containsExactlyInAnyOrder("Early 0", "Early 1", "Early 2", "Early 3", "Early 4", "Early 5");
    }

    @Test
    void batchesGrowOnlyWhileTheBudgetHasRoomAndAreSmallerWhenItHasNone() throws SQLException {
        // everything but this writer's floor is taken: its batches stay at their first size
        long taken = memory.budgetBytes() - memory.reservedBytes() - BusinessCopyWriter.floorBytes(RECORD_CHARS);
        assertThat(memory.tryReserve(taken)).isTrue();
        try {
            int rows = 3000; // more than a first batch holds (1024 rows)
            try (ImportMemory.Lease lease = memory.lease(BusinessCopyWriter.floorBytes(RECORD_CHARS));
                    BusinessCopyWriter writer = new BusinessCopyWriter(lease, json, ids::incrementAndGet,
                            RECORD_CHARS);
                    Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                for (int i = 0; i < rows; i++) {
                    if (writer.needsConnection()) {
                        writer.attach(connection);
                    }
                    writer.write(ownerId, request("Tight " + i, (i % 170) - 85, (i % 350) - 175, null), now);
                    assertThat(memory.reservedBytes()).isLessThanOrEqualTo(memory.budgetBytes());
                }
                assertThat(writer.finish()).isEqualTo(rows);
                connection.commit();
            }
        } finally {
            memory.release(taken);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business WHERE owner_id = ?", Long.class, ownerId))
                .isEqualTo(3000);
    }

    @Test
    void sendsAPartBatchOnRequestSoThatASlowImportsTransactionIsNotLeftIdle() throws SQLException {
        try (ImportMemory.Lease lease = memory.lease(BusinessCopyWriter.floorBytes(RECORD_CHARS));
                BusinessCopyWriter writer = writer(lease, 100, 1 << 16);
                Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(writer.idleLongerThan(0)).as("no connection, nothing idles").isFalse();
            writer.attach(connection);
            writer.write(ownerId, request("Slow 0", 1, 2, null), now);
            writer.write(ownerId, request("Slow 1", 3, 4, null), now);
            assertThat(writer.hasRows()).isTrue();
            assertThat(writer.idleLongerThan(Long.MAX_VALUE)).isFalse();

            writer.sendNow(); // what the import does when its transaction has waited too long for the client
            assertThat(writer.hasRows()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.idleLongerThan(-1)); // sent
            // the two rows are in the transaction before the batch of 100 is full
            assertThat(count(connection)).isEqualTo(2);

            writer.write(ownerId, request("Slow 2", 5, 6, null), now);
            assertThat(writer.finish()).isEqualTo(3);
            assertThat(count(connection)).isEqualTo(3);
            connection.rollback();
        }
    }

    private long count(Connection connection) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT count(*) FROM business WHERE owner_id = ?")) {
            statement.setLong(1, ownerId);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private BusinessCopyWriter writer(ImportMemory.Lease lease, int batchRows, int batchBytes) {
        return new BusinessCopyWriter(lease, json, ids::incrementAndGet, RECORD_CHARS, batchRows, batchBytes);
    }

    private static BusinessRequest request(String name, double latitude, double longitude, String address) {
        return new BusinessRequest(name, "cafe", latitude, longitude, address, null, null, null, null, null, null,
                null, null);
    }
}
