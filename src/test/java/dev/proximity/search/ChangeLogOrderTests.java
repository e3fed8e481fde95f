package dev.proximity.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import dev.proximity.datasource.PrimaryAfterCommitReads;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The change log's order is its commit order, so a reader that has read up to position n never meets a smaller
 * position later. Two writers on their own connections: the second to take a position waits until the first
 * commits (or rolls back), so a position is never handed out while a smaller one is still invisible, and a
 * reader between the two commits sees exactly a prefix of the log. A rollback leaves no gap.
 */
@ApiIntegrationTest
class ChangeLogOrderTests {

    @Autowired
    PrimaryAfterCommitReads primary;

    @Autowired
    ChangeLogReader reader;

    @Test
    void theSecondWriterGetsItsPositionOnlyAfterTheFirstCommitsAndReadersSeeAPrefix() throws Exception {
        DataSource db = primary.dataSource();
        long start = head();
        try (Connection first = db.getConnection(); Connection second = db.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            long firstPosition = append(first, 9_000_000_001L);
            assertThat(firstPosition).isEqualTo(start + 1);

            CompletableFuture<Long> secondPosition = CompletableFuture.supplyAsync(() -> append(second, 9_000_000_002L));
            // the second writer is blocked on the log's head row while the first has not committed ...
            assertThatThrownBy(() -> secondPosition.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            // ... and a reader sees neither
            assertThat(readAfter(start)).isEmpty();

            first.commit();
            assertThat(secondPosition.get(5, TimeUnit.SECONDS)).isEqualTo(start + 2);
            // between the two commits: exactly the first entry
            assertThat(readAfter(start)).containsExactly(9_000_000_001L);

            second.commit();
            assertThat(readAfter(start)).containsExactly(9_000_000_001L, 9_000_000_002L);
            assertThat(readAfter(start + 1)).containsExactly(9_000_000_002L);
        }
    }

    @Test
    void aRolledBackWriterLeavesNoGap() throws Exception {
        DataSource db = primary.dataSource();
        long start = head();
        try (Connection first = db.getConnection(); Connection second = db.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            assertThat(append(first, 9_000_000_003L)).isEqualTo(start + 1);
            CompletableFuture<Long> secondPosition = CompletableFuture.supplyAsync(() -> append(second, 9_000_000_004L));
            first.rollback();
            assertThat(secondPosition.get(5, TimeUnit.SECONDS)).isEqualTo(start + 1);
            second.commit();
            assertThat(readAfter(start)).containsExactly(9_000_000_004L);
        }
    }

    private long head() throws SQLException {
        try (Connection c = primary.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT position FROM business_change_head")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The business ids of the entries after {@code position}, in log order (none of them exists: all absent). */
    private List<Long> readAfter(long position) {
        List<Long> ids = new ArrayList<>();
        ChangeLogReader.Read read = reader.readAfter(position, 1_000, new ChangeLogReader.ChangeSink() {
            @Override
            public void present(BusinessDocument business) {
                ids.add(business.id());
            }

            @Override
            public void absent(long businessId) {
                ids.add(businessId);
            }
        });
        assertThat(read.outcome()).isEqualTo(ChangeLogReader.Outcome.READ);
        assertThat(read.head()).isEqualTo(position + ids.size());
        return ids;
    }

    private static long append(Connection connection, long businessId) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT log_business_change(?)")) {
            statement.setLong(1, businessId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
