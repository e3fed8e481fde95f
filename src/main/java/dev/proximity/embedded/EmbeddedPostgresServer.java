package dev.proximity.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL 17 server whose cluster lives in {@code <data-dir>/postgres}. The cluster is created by
 * {@code initdb} on first start and reused afterwards, so data survives restarts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "proximity";
    static final String USER = "postgres";
    /** Written after the first successful start: a cluster directory without it was never finished. */
    static final String INITIALIZED_MARKER = "postgres.initialized";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(Path dataDir, int port) {
        Path clusterDir = dataDir.resolve("postgres");
        Path initialized = dataDir.resolve(INITIALIZED_MARKER);
        StaleProcessReaper.reap(clusterDir.resolve("postmaster.pid"), "postgres", "INT");
        try {
            if (Files.exists(clusterDir) && !Files.exists(initialized)) {
                // A run died during initdb: the cluster never held data and cannot start. Make it again.
                log.warn("Removing the unfinished PostgreSQL cluster left by an interrupted first start");
                FileSystemUtils.deleteRecursively(clusterDir);
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // the Spring context stops it, after the pool
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
            try {
                server.createDatabaseIfMissing();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            if (!Files.exists(initialized)) {
                Files.writeString(initialized, "PostgreSQL cluster initialised; do not delete\n");
            }
            log.info("Embedded PostgreSQL listening on 127.0.0.1:{}", server.port());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + clusterDir, e);
        }
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

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() {
        try {
            postgres.close(); // pg_ctl stop (fast mode): waits for a clean shutdown checkpoint
        } catch (IOException e) {
            log.error("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
