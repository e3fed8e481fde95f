package dev.proximity.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL 17 server whose cluster lives in {@code <data-dir>/postgres}. The cluster is created by
 * {@code initdb} on first start and reused afterwards, so data survives restarts. It always runs with the
 * settings streaming replication needs, so {@link EmbeddedReplica}s can follow it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "proximity";
    static final String USER = "postgres";
    /** Written after the first successful start: a cluster directory without it was never finished. */
    static final String INITIALIZED_MARKER = "postgres.initialized";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path clusterDir;
    private final Map<String, String> settings;
    private volatile EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path clusterDir, Map<String, String> settings) {
        this.clusterDir = clusterDir;
        this.settings = settings;
    }

    static EmbeddedPostgresServer start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    static EmbeddedPostgresServer start(Path dataDir, int port, Map<String, String> extraSettings) {
        Path clusterDir = dataDir.resolve("postgres");
        Path initialized = dataDir.resolve(INITIALIZED_MARKER);
        StaleProcessReaper.reap(clusterDir.resolve("postmaster.pid"), "postgres", "INT");
        if (Files.exists(clusterDir) && !Files.exists(initialized)) {
            // A run died during initdb: the cluster never held data and cannot start. Make it again.
            log.warn("Removing the unfinished PostgreSQL cluster left by an interrupted first start");
            FileSystemUtils.deleteRecursively(clusterDir.toFile());
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(clusterDir, serverSettings(extraSettings));
        server.launch(port);
        try {
            server.createDatabaseIfMissing();
            if (!Files.exists(initialized)) {
                Files.writeString(initialized, "PostgreSQL cluster initialised; do not delete\n");
            }
        } catch (RuntimeException | IOException e) {
            server.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{}", server.port());
        return server;
    }

    private void launch(int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // the Spring context stops it, after the pool
                    .setPGStartupWait(Duration.ofSeconds(60));
            settings.forEach(builder::setServerConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + clusterDir, e);
        }
    }

    /** Stops the server (clean shutdown); also used by tests that prove the app survives a primary outage. */
    public void stop() {
        try {
            postgres.close(); // pg_ctl stop (fast mode): waits for a clean shutdown checkpoint
        } catch (IOException e) {
            log.error("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /** Starts the server again on the same port after {@link #stop()}. */
    public void restart() {
        launch(port());
    }

    /**
     * The command-line settings of the primary and of its replicas. A hot standby refuses to start with a
     * smaller {@code max_connections} (and friends) than its primary, so both get the same values.
     * Acknowledged commits are durable: {@code fsync} and {@code synchronous_commit} stay on.
     */
    static Map<String, String> serverSettings(Map<String, String> extraSettings) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "127.0.0.1");
        settings.put("max_connections", "200");
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        settings.put("wal_level", "replica");
        settings.put("max_wal_senders", "10");
        settings.put("max_replication_slots", "10");
        settings.put("hot_standby", "on");
        settings.put("hot_standby_feedback", "on");
        settings.putAll(extraSettings);
        return settings;
    }

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE, e);
        }
    }

    /**
     * Keeps exactly the physical replication slots {@code keep} among those whose names start with
     * {@code prefix}: missing ones are created (reserving WAL from now on), others are dropped so the
     * primary does not hoard WAL for replicas that no longer run.
     *
     * @return the slots that had to be created
     */
    Set<String> retainReplicationSlots(String prefix, Set<String> keep) {
        Set<String> created = new HashSet<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            Set<String> existing = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE ? AND NOT active")) {
                s.setString(1, prefix + "%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        existing.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement all = c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?");
                    PreparedStatement create = c.prepareStatement(
                            "SELECT pg_create_physical_replication_slot(?, true)");
                    PreparedStatement drop = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                for (String slot : keep) {
                    all.setString(1, slot);
                    try (ResultSet rs = all.executeQuery()) {
                        if (!rs.next()) {
                            create.setString(1, slot);
                            create.execute();
                            created.add(slot);
                        }
                    }
                }
                for (String slot : existing) {
                    if (!keep.contains(slot)) {
                        drop.setString(1, slot);
                        drop.execute();
                    }
                }
            }
            return created;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the replication slots", e);
        }
    }

    Path clusterDir() {
        return clusterDir;
    }

    Map<String, String> settings() {
        return settings;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() {
        stop();
    }
}
