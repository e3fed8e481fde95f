package dev.proximity.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The embedded topology: a primary and a streaming hot standby made from it, across a restart. */
class EmbeddedReplicaTests {

    @TempDir
    Path dataDir;

    @Test
    void aStandbyFollowsThePrimaryIsReadOnlyAndIsReusedAfterARestart() throws Exception {
        EmbeddedProperties properties = new EmbeddedProperties(true, dataDir, 0, 0, false, 1, Map.of(), DataSize.ofGigabytes(1));
        FileTime cloned;
        try (EmbeddedServers servers = EmbeddedServers.start(properties)) {
            EmbeddedReplica replica = servers.replicas().get(0);
            assertThat(replica.clusterDir()).isEqualTo(dataDir.resolve("replica-1"));
            assertThat(replica.port()).isNotEqualTo(servers.postgres().port());
            execute(servers.postgres().jdbcUrl(), "CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('first')");
            await().atMost(Duration.ofSeconds(5)).until(() -> count(replica.jdbcUrl()) == 1);
            assertThat(query(replica.jdbcUrl(), "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
            assertThatExceptionOfType(SQLException.class)
                    .isThrownBy(() -> execute(replica.jdbcUrl(), "INSERT INTO note VALUES ('refused')"))
                    .satisfies(e -> assertThat(e.getSQLState()).isEqualTo("25006")); // read-only transaction
            assertThat(query(servers.postgres().jdbcUrl(),
                    "SELECT active::text FROM pg_replication_slots WHERE slot_name = 'proximity_replica_1'"))
                    .isEqualTo("true");
            cloned = Files.getLastModifiedTime(replica.clusterDir().resolve("PG_VERSION"));
        }
        assertThat(Files.exists(dataDir.resolve("replica-1/postmaster.pid"))).isFalse(); // stopped with the app

        try (EmbeddedServers servers = EmbeddedServers.start(properties)) {
            EmbeddedReplica replica = servers.replicas().get(0);
            assertThat(Files.getLastModifiedTime(replica.clusterDir().resolve("PG_VERSION"))).isEqualTo(cloned);
            assertThat(count(replica.jdbcUrl())).isEqualTo(1);
            execute(servers.postgres().jdbcUrl(), "INSERT INTO note VALUES ('after restart')");
            await().atMost(Duration.ofSeconds(5)).until(() -> count(replica.jdbcUrl()) == 2);
        }
    }

    private static long count(String url) throws SQLException {
        return Long.parseLong(query(url, "SELECT count(*) FROM note"));
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
