package dev.proximity.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import redis.clients.jedis.Jedis;

/**
 * The embedded servers in this JVM, without Spring: real PostgreSQL 17 and Redis, data that survives a
 * restart, a refused second copy that leaves the first intact, and nothing running after {@code close()}.
 */
class EmbeddedServersTests {

    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private final List<EmbeddedServers> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        try {
            new ArrayList<>(started).forEach(this::close);
        } finally {
            ServerProcesses.stopAll(dataDir(), List.of());
        }
    }

    @Test
    void servesPostgres17AndRedis() throws SQLException {
        EmbeddedServers servers = start(false);

        try (Connection c = connect(servers); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version(), current_setting('server_version_num')::int")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("PostgreSQL 17.");
            assertThat(rs.getInt(2)).isBetween(170000, 179999);
        }
        try (Jedis jedis = new Jedis("127.0.0.1", servers.redis().port())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", String.valueOf(1L << 30));
            assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "noeviction");
        }
        assertThat(dataDir().resolve("postgres").resolve("PG_VERSION")).content().isEqualToIgnoringNewLines("17");
    }

    @Test
    void givesRedisTheConfiguredMemory() {
        EmbeddedServers servers = EmbeddedServers.start(new EmbeddedProperties(true, dataDir(), 0, 0, true, 0,
                Map.of(), DataSize.ofMegabytes(3_000)));
        started.add(servers);

        try (Jedis jedis = new Jedis("127.0.0.1", servers.redis().port())) {
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", String.valueOf(3_000L << 20));
        }
    }

    @Test
    void keepsCommittedRowsAcrossRestartOnSameDataDir() throws SQLException {
        EmbeddedServers first = start(false);
        try (Connection c = connect(first); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE restart_probe (id int PRIMARY KEY, note text NOT NULL)");
            s.execute("INSERT INTO restart_probe VALUES (1, 'written before the restart')");
        }
        close(first);

        EmbeddedServers second = start(false);

        assertThat(readNote(second, "restart_probe", 1)).isEqualTo("written before the restart");
    }

    @Test
    void refusesSecondCopyOnSameDataDirAndKeepsFirstWorking() throws Exception {
        EmbeddedServers first = start(false);
        try (Connection c = connect(first); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE lock_probe (id int PRIMARY KEY, note text NOT NULL)");
            s.execute("INSERT INTO lock_probe VALUES (1, 'before the second copy')");
        }
        ProcessHandle postmaster = ServerProcesses.postmaster(dataDir()).orElseThrow();
        ProcessHandle redis = ServerProcesses.redis(dataDir()).orElseThrow();

        assertThatExceptionOfType(DataDirectoryInUseException.class)
                .isThrownBy(() -> start(false))
                .withMessageContaining(dataDir().toString())
                .withMessageContaining("is in use by another running Proximity");

        // The refused copy started nothing and left the first copy's servers, files and lock alone.
        assertThat(ServerProcesses.postmaster(dataDir())).contains(postmaster);
        assertThat(ServerProcesses.redis(dataDir())).contains(redis);
        // the postmaster (its -D) and redis-server (its binary lives in the data dir), nothing of the refused copy
        assertThat(ServerProcesses.processesMentioning(dataDir().toString())).containsExactlyInAnyOrder(postmaster, redis);
        assertThat(ServerProcesses.holdsPosixLock(ProcessHandle.current().pid(), dataDir().resolve("proximity.lock")))
                .as("this JVM still holds the OS lock, so another process would still be refused")
                .isTrue();
        try (Connection c = connect(first); Statement s = c.createStatement()) {
            s.execute("INSERT INTO lock_probe VALUES (2, 'after the second copy')");
        }
        assertThat(readNote(first, "lock_probe", 1)).isEqualTo("before the second copy");
        assertThat(readNote(first, "lock_probe", 2)).isEqualTo("after the second copy");
        try (Jedis jedis = new Jedis("127.0.0.1", first.redis().port())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void leavesNoServerProcessAfterClose() {
        EmbeddedServers servers = start(false);
        Set<ProcessHandle> running = ServerProcesses.serverProcesses(dataDir());
        String redisAddress = "127.0.0.1:" + servers.redis().port();
        assertThat(running).as("postmaster, its workers and redis-server").hasSizeGreaterThanOrEqualTo(3);
        assertThat(ServerProcesses.processesMentioning(dataDir().toString())).isNotEmpty();
        assertThat(ServerProcesses.processesMentioning(redisAddress)).isNotEmpty();

        close(servers);

        await().atMost(STOPPED_WITHIN).untilAsserted(() -> {
            assertThat(ServerProcesses.alive(running)).isEmpty();
            assertThat(ServerProcesses.processesMentioning(dataDir().toString())).isEmpty();
            assertThat(ServerProcesses.processesMentioning(redisAddress)).isEmpty();
        });
    }

    @Test
    void startsOverStalePidAndLockFilesWithoutKillingUnrelatedProcesses() throws IOException {
        close(start(false));
        // What a crashed run leaves behind, with pids that now belong to an unrelated live process.
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        try {
            String pid = Long.toString(unrelated.pid());
            Files.writeString(dataDir().resolve("proximity.lock"), "999999");
            Files.writeString(ServerProcesses.postmasterPidFile(dataDir()), pid + "\n", StandardCharsets.UTF_8);
            Files.writeString(ServerProcesses.redisPidFile(dataDir()), pid + "\n", StandardCharsets.UTF_8);

            EmbeddedServers servers = start(false);

            assertThat(unrelated.isAlive()).as("a reused pid is never signalled").isTrue();
            try (Jedis jedis = new Jedis("127.0.0.1", servers.redis().port())) {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
            assertThat(ServerProcesses.postmaster(dataDir())).isPresent();
            assertThat(dataDir().resolve("proximity.lock")).content()
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void ephemeralDataDirIsDeletedOnClose() throws SQLException {
        EmbeddedServers servers = start(true);
        try (Connection c = connect(servers); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ephemeral_probe (id int)");
        }
        assertThat(dataDir().resolve("postgres")).isDirectory();

        close(servers);

        assertThat(dataDir()).doesNotExist();
    }

    private Path dataDir() {
        return tmp.resolve("data");
    }

    private EmbeddedServers start(boolean ephemeral) {
        EmbeddedServers servers = EmbeddedServers.start(new EmbeddedProperties(true, dataDir(), 0, 0, ephemeral));
        started.add(servers);
        return servers;
    }

    private void close(EmbeddedServers servers) {
        started.remove(servers);
        servers.close();
    }

    private static Connection connect(EmbeddedServers servers) throws SQLException {
        return DriverManager.getConnection(servers.postgres().jdbcUrl(), "postgres", "");
    }

    private static String readNote(EmbeddedServers servers, String table, int id) throws SQLException {
        try (Connection c = connect(servers); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT note FROM " + table + " WHERE id = " + id)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
