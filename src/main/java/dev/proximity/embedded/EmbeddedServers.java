package dev.proximity.embedded;

import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;

/**
 * The embedded PostgreSQL and Redis of one app process, and the data-directory lock that makes them ours.
 * Closing stops Redis, then PostgreSQL, then releases the lock, so nothing is left running.
 */
public final class EmbeddedServers implements AutoCloseable {

    private final Path dataDir;
    private final boolean ephemeral;
    private final DataDirectoryLock lock;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedRedisServer redis;

    private EmbeddedServers(Path dataDir, boolean ephemeral, DataDirectoryLock lock,
            EmbeddedPostgresServer postgres, EmbeddedRedisServer redis) {
        this.dataDir = dataDir;
        this.ephemeral = ephemeral;
        this.lock = lock;
        this.postgres = postgres;
        this.redis = redis;
    }

    public static EmbeddedServers start(EmbeddedProperties properties) {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        EmbeddedPostgresServer postgres = null;
        try {
            postgres = EmbeddedPostgresServer.start(dataDir, properties.postgresPort());
            EmbeddedRedisServer redis = EmbeddedRedisServer.start(dataDir, properties.redisPort());
            return new EmbeddedServers(dataDir, properties.ephemeral(), lock, postgres, redis);
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            lock.close();
            throw e;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedRedisServer redis() {
        return redis;
    }

    @Override
    public void close() {
        try {
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
