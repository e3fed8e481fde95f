package dev.proximity.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.support.EmbeddedServersOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code spring.datasource.url} set the app uses the PostgreSQL and Redis it is given and starts no
 * servers of its own. Here "production" is a plain PostgreSQL and redis-server this test starts itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@DirtiesContext
@EmbeddedServersOnly("is the production mode on servers it starts itself")
class ProductionModeTests {

    private static final EmbeddedPostgres postgres = startPostgres();
    private static final RedisServer redis = startRedis();

    @TempDir
    static Path tmp;

    @DynamicPropertySource
    static void productionServers(DynamicPropertyRegistry registry) {
        registry.add("proximity.embedded.data-dir", () -> dataDir().toString());
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redis.ports().get(0));
        // production mode has no data dir to keep a generated key in: the key must be configured
        registry.add("proximity.security.token.signing-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    }

    @AfterAll
    static void stopServers() throws IOException {
        try {
            redis.stop();
        } finally {
            postgres.close();
        }
    }

    @Autowired
    ApplicationContext context;

    @Test
    void startsNoEmbeddedServers() {
        assertThat(context.getBeanNamesForType(EmbeddedServersConfiguration.class)).isEmpty();
        assertThat(context.getBeanNamesForType(EmbeddedServers.class)).isEmpty();
        // Embedded mode is not switched off and has a data dir, yet nothing creates or runs anything there.
        assertThat(dataDir()).doesNotExist();
        assertThat(ServerProcesses.processesMentioning(dataDir().toString())).isEmpty();
    }

    @Test
    void runsFlywayOnConfiguredDatabase(@Autowired DataSource dataSource) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isPositive();
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT inet_server_port(), current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(postgres.getPort());
            assertThat(rs.getString(2)).isEqualTo("postgres");
        }
    }

    @Test
    void usesConfiguredRedis(@Autowired StringRedisTemplate redisTemplate) {
        redisTemplate.opsForValue().set("production-mode-probe", "written by the app");

        try (Jedis jedis = new Jedis("127.0.0.1", redis.ports().get(0))) {
            assertThat(jedis.get("production-mode-probe")).isEqualTo("written by the app");
        }
    }

    private static Path dataDir() {
        return tmp.resolve("data");
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedisServer startRedis() {
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            socket.close(); // free the port for redis-server
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"") // no dump.rdb left behind on shutdown
                    .build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
