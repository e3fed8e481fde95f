package dev.proximity;

import dev.proximity.support.EmbeddedServersOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.PageClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.embedded.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The app in production mode with the rights the deployment gives it, and no more: PostgreSQL with the roles of
 * {@code deploy/postgres/app-privileges.sql} (Flyway as {@code proximity_owner}, the app as {@code proximity_app},
 * which can read and write rows but not change the schema), and two Redis servers (sessions, rate limits and
 * wake-ups; the search view) that refuse anyone without the password and give the app's user the rules of
 * {@code deploy/redis/proximity.acl}. Every feature still works under those rights.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@EmbeddedServersOnly("brings its own PostgreSQL and Redis with the deployment's roles and ACLs")
class LeastPrivilegeTests {

    private static final String OWNER_PASSWORD = "owner-secret-1";
    private static final String APP_PASSWORD = "app-secret-2";
    private static final String REDIS_USER = "proximity";
    private static final String STATE_REDIS_PASSWORD = "state-secret-3";
    private static final String VIEW_REDIS_PASSWORD = "view-secret-4";

    private static final EmbeddedPostgres postgres = startPostgres();
    private static final RedisServer stateRedis = startRedis(STATE_REDIS_PASSWORD);
    private static final RedisServer viewRedis = startRedis(VIEW_REDIS_PASSWORD);

    @TempDir
    static Path tmp;

    @DynamicPropertySource
    static void productionServers(DynamicPropertyRegistry registry) {
        registry.add("proximity.embedded.data-dir", () -> tmp.resolve("data").toString());
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + postgres.getPort() + "/proximity");
        registry.add("spring.datasource.username", () -> "proximity_app");
        registry.add("spring.datasource.password", () -> APP_PASSWORD);
        registry.add("spring.flyway.user", () -> "proximity_owner");
        registry.add("spring.flyway.password", () -> OWNER_PASSWORD);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> stateRedis.ports().get(0));
        registry.add("spring.data.redis.username", () -> REDIS_USER);
        registry.add("spring.data.redis.password", () -> STATE_REDIS_PASSWORD);
        registry.add("proximity.search.view-redis.url", () -> "redis://127.0.0.1:" + viewRedis.ports().get(0));
        registry.add("proximity.search.view-redis.username", () -> REDIS_USER);
        registry.add("proximity.search.view-redis.password", () -> VIEW_REDIS_PASSWORD);
        registry.add("proximity.security.token.signing-key", () -> "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        registry.add("proximity.search.warmup", () -> "0");
    }

    @AfterAll
    static void stopServers() throws IOException {
        try {
            stateRedis.stop();
            viewRedis.stop();
        } finally {
            postgres.close();
        }
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    DataSource dataSource;

    @Test
    void flywayMigratedAsTheOwnerAndTheAppConnectsAsTheAppRole() throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT tableowner FROM pg_tables WHERE tablename = 'business'"))
                    .isEqualTo("proximity_owner");
            assertThat(single(s, "SELECT string_agg(DISTINCT installed_by, ',') FROM flyway_schema_history"))
                    .isEqualTo("proximity_owner");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT current_user || ' ' || rolsuper || rolcreatedb || rolcreaterole"
                    + " FROM pg_roles WHERE rolname = current_user")).isEqualTo("proximity_app falsefalsefalse");
        }
    }

    @Test
    void theAppRoleCannotChangeTheSchema() throws SQLException {
        for (String ddl : List.of("CREATE TABLE planted (id int)", "DROP TABLE business",
                "ALTER TABLE business ADD COLUMN planted text", "TRUNCATE business_change",
                "CREATE TEMPORARY TABLE planted (id int)", "CREATE SCHEMA planted",
                "CREATE FUNCTION planted() RETURNS int AS 'SELECT 1' LANGUAGE sql",
                "DROP FUNCTION log_business_change(bigint)", "ALTER TABLE business OWNER TO proximity_app",
                "CREATE ROLE planted", "CREATE DATABASE planted")) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                SQLException refused = null;
                try {
                    s.execute(ddl);
                } catch (SQLException e) {
                    refused = e;
                }
                if (refused == null) {
                    throw new AssertionError(ddl + ": not refused");
                }
                assertThat(refused.getSQLState()).as(ddl + ": " + refused.getMessage()).isEqualTo("42501");
            }
        }
    }

    @Test
    void everyFeatureWorksWithTheseRights() throws SQLException {
        ApiClient api = new ApiClient(port);
        Owner owner = api.newOwner();
        Response created = api.postJson("/v1/businesses", """
                {"name":"Least Privilege Cafe","category":"cafe","latitude":37.5665,"longitude":126.9780}""",
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response imported = api.send("POST", "/v1/businesses/import", "text/csv",
                "name,category,latitude,longitude\nCopied Bakery,bakery,37.5666,126.9781\n", owner.auth());
        assertThat(imported.status()).as("COPY as the app role: " + imported.body()).isEqualTo(200);

        for (String index : List.of("s2", "geohash", "quadtree")) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode found = api.get("/v1/search/nearby?latitude=37.5665&longitude=126.978&radius=100&index="
                        + index).json();
                assertThat(found.get("businesses").findValuesAsText("name")).as(index)
                        .contains("Least Privilege Cafe", "Copied Bakery");
            });
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // the replication monitor's calls, on the primary and on a replica
            s.executeQuery("SELECT pg_current_wal_lsn(), pg_is_in_recovery(), pg_last_wal_replay_lsn()").close();
        }
        PageClient browser = new PageClient(port);
        PageClient.Page signedIn = browser.submit(browser.get("/signin"), "form[action$=/signin]",
                Map.of("email", owner.email(), "password", owner.password()));
        assertThat(browser.follow(signedIn).document().text()).contains("Least Privilege Cafe");
        JsonNode health = new ApiClient(managementPort).get("/actuator/health").json();
        assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");
        assertThat(health.at("/components/redis/status").asText()).isEqualTo("UP");
    }

    @Test
    void theSearchViewLivesInItsOwnRedisApartFromSessionsAndRateLimits() {
        ApiClient api = new ApiClient(port);
        Owner owner = api.newOwner();
        api.postJson("/v1/businesses", """
                {"name":"Separated","category":"cafe","latitude":48.85,"longitude":2.35}""", owner.auth());
        PageClient browser = new PageClient(port);
        browser.get("/signin");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Jedis view = app(viewRedis, VIEW_REDIS_PASSWORD)) {
                assertThat(view.get("px:v1:{view}:marker")).contains(" ready ");
            }
        });
        try (Jedis view = app(viewRedis, VIEW_REDIS_PASSWORD); Jedis state = app(stateRedis, STATE_REDIS_PASSWORD)) {
            Set<String> viewKeys = prefixes(view.scan("0", new redis.clients.jedis.params.ScanParams().count(10_000))
                    .getResult());
            Set<String> stateKeys = prefixes(state.scan("0", new redis.clients.jedis.params.ScanParams()
                    .count(10_000)).getResult());
            assertThat(viewKeys).contains("px:v1:{view}", "px:v1:biz").doesNotContain("px:v1:session", "px:v1:rl");
            assertThat(stateKeys).contains("px:v1:session", "px:v1:rl")
                    .doesNotContain("px:v1:{view}", "px:v1:biz");
        }
        // the change log's wake-ups: the app's user may subscribe to its channel
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Jedis state = app(stateRedis, STATE_REDIS_PASSWORD)) {
                assertThat(state.pubsubNumSub("px:v1:log")).containsEntry("px:v1:log", 1L);
            }
        });
    }

    @Test
    void redisRefusesAnyoneWithoutThePasswordAndTheAppsUserCannotReconfigureIt() {
        for (RedisServer server : List.of(stateRedis, viewRedis)) {
            try (Jedis anonymous = new Jedis("127.0.0.1", server.ports().get(0))) {
                assertThatThrownBy(anonymous::ping).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
            }
            String password = server == stateRedis ? STATE_REDIS_PASSWORD : VIEW_REDIS_PASSWORD;
            try (Jedis app = app(server, password)) {
                assertThat(app.ping()).isEqualTo("PONG");
                assertThatThrownBy(() -> app.configSet("dir", "/tmp")).hasMessageContaining("NOPERM");
                assertThatThrownBy(app::flushAll).hasMessageContaining("NOPERM");
                assertThatThrownBy(() -> app.keys("*")).hasMessageContaining("NOPERM");
                assertThatThrownBy(() -> app.set("outside", "px")).hasMessageContaining("NOPERM");
            }
        }
    }

    private static Set<String> prefixes(List<String> keys) {
        return keys.stream().map(k -> k.substring(0, k.indexOf(':', "px:v1:".length()) < 0 ? k.length()
                : k.indexOf(':', "px:v1:".length()))).collect(Collectors.toSet());
    }

    private static Jedis app(RedisServer server, String password) {
        return new Jedis(new HostAndPort("127.0.0.1", server.ports().get(0)),
                DefaultJedisClientConfig.builder().user(REDIS_USER).password(password).build());
    }

    private static Connection superuser() throws SQLException {
        return postgres.getDatabase("postgres", "proximity").getConnection();
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** A plain PostgreSQL with the deployment's roles and privileges, as primary-init.sh leaves it. */
    private static EmbeddedPostgres startPostgres() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().start();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE proximity");
                s.execute("CREATE ROLE proximity_owner LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
                s.execute("CREATE ROLE proximity_app LOGIN PASSWORD '" + APP_PASSWORD + "'");
            }
            try (Connection c = server.getDatabase("postgres", "proximity").getConnection();
                    Statement s = c.createStatement()) {
                s.execute(Files.readString(Path.of("deploy/postgres/app-privileges.sql")));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A redis-server whose only user is the app's, with the deployment's ACL rules. */
    private static RedisServer startRedis(String password) {
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            socket.close();
            String rules = Files.readAllLines(Path.of("deploy/redis/proximity.acl")).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).collect(Collectors.joining(" "));
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("maxmemory-policy noeviction")
                    .setting("user default off")
                    .setting("user " + REDIS_USER + " on >" + password + " " + rules)
                    .build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
