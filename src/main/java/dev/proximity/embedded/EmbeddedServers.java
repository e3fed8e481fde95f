package dev.proximity.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.FileSystemUtils;

/**
 * The embedded PostgreSQL primary, its streaming replicas (if any), Redis of one app process, and the
 * data-directory lock that makes them ours. Closing stops the replicas, Redis, then the primary, then
 * releases the lock, so nothing is left running.
 */
public final class EmbeddedServers implements AutoCloseable {

    static final String SLOT_PREFIX = "proximity_replica_";

    private final Path dataDir;
    private final boolean ephemeral;
    private final DataDirectoryLock lock;
    private final EmbeddedPostgresServer postgres;
    private final List<EmbeddedReplica> replicas;
    private final EmbeddedRedisServer redis;

    private EmbeddedServers(Path dataDir, boolean ephemeral, DataDirectoryLock lock,
            EmbeddedPostgresServer postgres, List<EmbeddedReplica> replicas, EmbeddedRedisServer redis) {
        this.dataDir = dataDir;
        this.ephemeral = ephemeral;
        this.lock = lock;
        this.postgres = postgres;
        this.replicas = List.copyOf(replicas);
        this.redis = redis;
    }

    public static EmbeddedServers start(EmbeddedProperties properties) {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        EmbeddedPostgresServer postgres = null;
        List<EmbeddedReplica> replicas = new ArrayList<>();
        try {
            for (int n = 1; n <= properties.replicas(); n++) { // stop a crashed run's standbys before anything
                StaleProcessReaper.reap(replicaDir(dataDir, n).resolve("postmaster.pid"), "postgres", "INT");
            }
            postgres = EmbeddedPostgresServer.start(dataDir, properties.postgresPort(), properties.postgresSettings());
            startReplicas(dataDir, postgres, properties.replicas(), replicas);
            EmbeddedRedisServer redis = EmbeddedRedisServer.start(dataDir, properties.redisPort(), properties.redisMaxMemory());
            return new EmbeddedServers(dataDir, properties.ephemeral(), lock, postgres, replicas, redis);
        } catch (RuntimeException e) {
            replicas.forEach(EmbeddedReplica::close);
            if (postgres != null) {
                postgres.close();
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Replica {@code n} lives in {@code <data-dir>/replica-n} and streams through the slot
     * {@code proximity_replica_n}. A missing standby (first run, or its slot was dropped) is cloned from the
     * primary, which costs the primary one clean restart before anyone uses it.
     */
    private static void startReplicas(Path dataDir, EmbeddedPostgresServer primary, int count,
            List<EmbeddedReplica> started) {
        Set<String> slots = new LinkedHashSet<>();
        for (int n = 1; n <= count; n++) {
            slots.add(SLOT_PREFIX + n);
        }
        Set<String> newSlots = primary.retainReplicationSlots(SLOT_PREFIX, slots);
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            // a standby whose slot is new may need WAL the primary no longer has: make it afresh
            if (newSlots.contains(SLOT_PREFIX + n) || !EmbeddedReplica.exists(replicaDir(dataDir, n))) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            primary.stop();
            missing.forEach(n -> EmbeddedReplica.cloneStoppedPrimary(primary.clusterDir(), replicaDir(dataDir, n)));
            primary.restart();
        }
        for (int n = 1; n <= count; n++) {
            started.add(EmbeddedReplica.start(replicaDir(dataDir, n), primary.port(), SLOT_PREFIX + n, 0,
                    primary.settings()));
        }
    }

    static Path replicaDir(Path dataDir, int n) {
        return dataDir.resolve("replica-" + n);
    }

    public Path dataDir() {
        return dataDir;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** The streaming replicas, replica-1 first; empty unless {@code proximity.embedded.replicas} is set. */
    public List<EmbeddedReplica> replicas() {
        return replicas;
    }

    public EmbeddedRedisServer redis() {
        return redis;
    }

    @Override
    public void close() {
        try {
            replicas.forEach(EmbeddedReplica::close);
            redis.close();
            postgres.close();
        } finally {
            lock.close();
            if (ephemeral) {
                FileSystemUtils.deleteRecursively(dataDir.toFile());
            }
        }
    }
}
