package dev.proximity.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL hot standby that streams WAL from an {@link EmbeddedPostgresServer}. The zonky binaries
 * have no {@code pg_basebackup}, so a replica is made the way a base backup is: {@link #cloneStoppedPrimary}
 * copies a cleanly stopped primary's cluster (without its pid file, lock file and replication slots) and adds
 * {@code standby.signal}; every {@link #start} then writes {@code primary_conninfo} for the primary's current
 * port into {@code postgresql.auto.conf} (zonky's {@code -c} command line cannot carry values with spaces)
 * and starts the copy, which replays from the primary's shutdown checkpoint and follows it from then on.
 * A physical replication slot on the primary keeps the WAL the standby has not received yet.
 *
 * <pre>{@code
 * primary.stop();
 * EmbeddedReplica.cloneStoppedPrimary(primary.clusterDir(), dataDir.resolve("replica-1"));
 * primary.restart();
 * EmbeddedReplica replica = EmbeddedReplica.start(dataDir.resolve("replica-1"), primary.port(), "slot_1", 0, settings);
 * }</pre>
 */
public final class EmbeddedReplica implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedReplica.class);
    /** Per-server files a copy must not inherit (pg_basebackup leaves them out too). */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    private static final Set<String> EMPTIED = Set.of("pg_replslot", "pg_stat_tmp");

    private final Path clusterDir;
    private final int primaryPort;
    private final String slotName;
    private final Map<String, String> settings;
    private volatile EmbeddedPostgres postgres;
    private volatile int port;

    private EmbeddedReplica(Path clusterDir, int primaryPort, String slotName, Map<String, String> settings) {
        this.clusterDir = clusterDir;
        this.primaryPort = primaryPort;
        this.slotName = slotName;
        this.settings = settings;
    }

    /** Whether {@code clusterDir} holds a standby made by {@link #cloneStoppedPrimary}. */
    public static boolean exists(Path clusterDir) {
        return Files.isRegularFile(clusterDir.resolve("standby.signal"))
                && Files.isRegularFile(clusterDir.resolve("PG_VERSION"));
    }

    /** Replaces {@code replicaDir} with a standby copy of the cluster in {@code primaryClusterDir}, which must be stopped. */
    public static void cloneStoppedPrimary(Path primaryClusterDir, Path replicaDir) {
        try {
            FileSystemUtils.deleteRecursively(replicaDir);
            Files.walkFileTree(primaryClusterDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path relative = primaryClusterDir.relativize(dir);
                    if (relative.getNameCount() > 1 && EMPTIED.contains(relative.getName(0).toString())) {
                        return FileVisitResult.SKIP_SUBTREE; // e.g. the primary's replication slots
                    }
                    Path copy = replicaDir.resolve(relative.toString());
                    Files.createDirectories(copy);
                    // PostgreSQL refuses a data directory others may read (it wants 0700, as initdb made it)
                    Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path relative = primaryClusterDir.relativize(file);
                    boolean skipped = NOT_COPIED.contains(relative.toString())
                            || (relative.getNameCount() > 1 && EMPTIED.contains(relative.getName(0).toString()));
                    if (!skipped) {
                        Files.copy(file, replicaDir.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            Files.writeString(replicaDir.resolve("standby.signal"), "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the primary's cluster to " + replicaDir, e);
        }
    }

    /**
     * Starts the standby in {@code clusterDir} (reaping a server a crashed run left on it) following the
     * primary on {@code 127.0.0.1:primaryPort} through {@code slotName} (or no slot when {@code null}).
     *
     * @param port     fixed port, or 0 for a free one
     * @param settings server settings; {@code max_connections} and friends at least the primary's
     */
    public static EmbeddedReplica start(Path clusterDir, int primaryPort, String slotName, int port,
            Map<String, String> settings) {
        EmbeddedReplica replica = new EmbeddedReplica(clusterDir, primaryPort, slotName, settings);
        StaleProcessReaper.reap(clusterDir.resolve("postmaster.pid"), "postgres", "INT");
        replica.launch(port);
        log.info("Embedded PostgreSQL replica listening on 127.0.0.1:{}, following port {}", replica.port,
                primaryPort);
        return replica;
    }

    private void launch(int requestedPort) {
        try {
            Files.writeString(clusterDir.resolve("postgresql.auto.conf"), """
                    # Rewritten on every start: this cluster is a streaming standby of the embedded primary.
                    primary_conninfo = 'host=127.0.0.1 port=%d user=%s application_name=%s'
                    %s
                    """.formatted(primaryPort, EmbeddedPostgresServer.USER, clusterDir.getFileName(),
                    slotName == null ? "" : "primary_slot_name = '" + slotName + "'"), StandardCharsets.UTF_8);
            Files.writeString(clusterDir.resolve("standby.signal"), "");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            settings.forEach(builder::setServerConfig);
            if (requestedPort > 0) {
                builder.setPort(requestedPort);
            }
            postgres = builder.start();
            port = postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL replica in " + clusterDir, e);
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the app's database on this replica. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedPostgresServer.DATABASE;
    }

    public Path clusterDir() {
        return clusterDir;
    }

    /** Stops the standby cleanly; {@link #restart()} brings it back on the same port. */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.error("Embedded PostgreSQL replica did not stop cleanly", e);
        }
    }

    /** Kills the standby's postmaster outright (SIGKILL), as a crash would; its backends exit with it. */
    public void kill() {
        StaleProcessReaper.readPid(clusterDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of)
                .ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
        stop(); // releases zonky's lock on the directory; pg_ctl finds nothing left to stop
    }

    /** Starts the standby again on the same port after {@link #stop()} or {@link #kill()}. */
    public void restart() {
        StaleProcessReaper.reap(clusterDir.resolve("postmaster.pid"), "postgres", "INT");
        launch(port);
    }

    @Override
    public void close() {
        stop();
    }
}
