package dev.proximity.support.servers;

import java.util.List;
import java.util.Map;

import redis.clients.jedis.Jedis;

/**
 * Which servers the test contexts' apps run on, from the system property {@code proximity.test.servers}:
 * <ul>
 * <li>{@code embedded} (the default, {@code mvn verify}): every context starts its own embedded PostgreSQL and Redis;
 * <li>{@code containers} ({@code -Pcontainers}): one PostgreSQL and one Redis container for the JVM
 * ({@link ServerContainers});
 * <li>{@code external}: a PostgreSQL and a Redis that are already running, given as
 * {@code proximity.test.postgres=host:port} (a role {@code postgres} that may create databases, no password) and
 * {@code proximity.test.redis=host:port} (a Redis of its own: each context flushes a database number of it).
 * </ul>
 * The shared servers are started or reached once; if that fails, every context that needs them fails with the same
 * message, so a run without Docker ends red and says why.
 */
final class TestServers {

    private static SharedServers shared;
    private static RuntimeException failure;

    private TestServers() {
    }

    static String mode() {
        String mode = System.getProperty("proximity.test.servers", "embedded");
        if (!List.of("embedded", "containers", "external").contains(mode)) {
            throw new IllegalStateException("proximity.test.servers=" + mode
                    + ": expected embedded, containers or external (docs/testing.md)");
        }
        return mode;
    }

    /** The settings of a fresh namespace on the shared servers. */
    static synchronized Map<String, Object> newNamespace() {
        if (failure != null) {
            throw failure;
        }
        if (shared == null) {
            try {
                shared = "containers".equals(mode()) ? ServerContainers.start() : external();
            } catch (RuntimeException e) {
                failure = new IllegalStateException("proximity.test.servers=" + mode() + ": the shared test servers "
                        + "could not be started or reached. -Pcontainers needs a running Docker engine (see "
                        + "docs/testing.md); plain `mvn verify` needs none.", e);
                throw failure;
            }
        }
        return shared.newNamespace();
    }

    private static SharedServers external() {
        String[] postgres = hostAndPort("proximity.test.postgres");
        String[] redis = hostAndPort("proximity.test.redis");
        int redisPort = Integer.parseInt(redis[1]);
        int databases;
        try (Jedis jedis = new Jedis(redis[0], redisPort)) {
            databases = Integer.parseInt(jedis.configGet("databases").get("databases"));
        }
        if (databases < ServerContainers.REDIS_DATABASES) {
            // fewer numbers than live contexts would put two of them in one namespace
            throw new IllegalStateException("the Redis at " + String.join(":", redis) + " has " + databases
                    + " databases; start it with --databases " + ServerContainers.REDIS_DATABASES);
        }
        return new SharedServers(postgres[0], Integer.parseInt(postgres[1]), "postgres", "", redis[0], redisPort,
                databases);
    }

    private static String[] hostAndPort(String property) {
        String value = System.getProperty(property, "");
        String[] parts = value.split(":");
        if (parts.length != 2) {
            throw new IllegalStateException(property + "=host:port is required with proximity.test.servers=external");
        }
        return parts;
    }
}
