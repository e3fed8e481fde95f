package dev.proximity.support.servers;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import redis.clients.jedis.Jedis;

/**
 * One PostgreSQL and one Redis shared by every Spring test context of the JVM, each context in a namespace of its
 * own: a fresh database and a flushed Redis database number. The app runs on them in production mode (a configured
 * {@code spring.datasource.url}), as it does in docker-compose.yml.
 *
 * @param postgresHost     host of the PostgreSQL server
 * @param postgresPort     its port
 * @param postgresUser     a role that may create databases
 * @param postgresPassword its password (empty for none)
 * @param redisHost        host of the Redis server
 * @param redisPort        its port
 * @param redisDatabases   how many database numbers the Redis server has ({@code databases} in its configuration)
 */
record SharedServers(String postgresHost, int postgresPort, String postgresUser, String postgresPassword,
        String redisHost, int redisPort, int redisDatabases) {

    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Creates the next namespace and returns the app's settings for it. Redis database numbers are reused once
     * they run out (after being flushed): by then the test context cache (32 contexts) has closed the older ones.
     */
    Map<String, Object> newNamespace() {
        int n = NAMESPACES.incrementAndGet();
        String database = "proximity_test_" + ProcessHandle.current().pid() + "_" + n;
        int redisDatabase = n % redisDatabases;
        createDatabase(database);
        flushRedis(redisDatabase);
        return Map.of(
                "spring.datasource.url", "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database,
                "spring.datasource.username", postgresUser,
                "spring.datasource.password", postgresPassword,
                "spring.data.redis.host", redisHost,
                "spring.data.redis.port", redisPort,
                "spring.data.redis.database", redisDatabase);
    }

    /**
     * Production mode keeps no data directory to derive a signing key from: a random one, for a context whose test
     * sets none (token rotation tests set theirs).
     */
    static Map<String, Object> signingKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Map.of("proximity.security.token.signing-key", Base64.getEncoder().encodeToString(key));
    }

    private void createDatabase(String database) {
        String url = "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/postgres";
        try (Connection c = DriverManager.getConnection(url, postgresUser, postgresPassword);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + database + " on " + url, e);
        }
    }

    private void flushRedis(int database) {
        try (Jedis jedis = new Jedis(redisHost, redisPort)) {
            jedis.select(database);
            jedis.flushDB();
        }
    }
}
