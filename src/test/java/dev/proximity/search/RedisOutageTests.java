package dev.proximity.search;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.ProximityApplication;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one PostgreSQL and one Redis; Redis stops in the middle. Search keeps answering correctly on
 * both (from memory, the local cell layer and the database), writes keep working, health shows Redis DOWN and
 * nothing answers 5xx. A business moved while Redis is down is found where it is now on both instances, during
 * the outage (database catch-up) and after Redis is back (caches recover in a new epoch, the channel works again).
 */
@ApiIntegrationTest
@DirtiesContext // stops and restarts the context's Redis
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageTests {

    static final List<String> INDEXES = List.of("geohash", "quadtree", "s2");
    static final double[] SEOUL = {37.5665, 126.9780};
    static final double[] SYDNEY = {-33.8688, 151.2093};
    static final double[] PARIS = {48.8566, 2.3522};

    @LocalServerPort
    int portA;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    StringRedisTemplate redis;

    ConfigurableApplicationContext instanceB;
    ApiClient a;
    ApiClient b;

    @BeforeAll
    void startSecondInstance() throws IOException {
        String signingKey = Files.readString(servers.dataDir().resolve("token-signing-key")).strip();
        instanceB = new SpringApplicationBuilder(ProximityApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + servers.postgres().jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + servers.redis().port(),
                "--proximity.security.token.signing-key=" + signingKey,
                "--proximity.id.node=1002",
                "--proximity.demo.enabled=false");
        a = new ApiClient(portA);
        b = new ApiClient(((ServletWebServerApplicationContext) instanceB).getWebServer().getPort());
    }

    @AfterAll
    void stopSecondInstance() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    @Test
    void searchAndWritesKeepWorkingAndNothingStaleIsServedAfterRedisReturns() {
        Owner owner = a.newOwner();
        String category = "outage_" + Long.toHexString(System.nanoTime());
        Response created = a.postJson("/v1/businesses", business(category, SEOUL), owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String x = created.json().get("id").asText();
        for (ApiClient instance : List.of(a, b)) {
            awaitFound(instance, category, SEOUL, List.of(x), Duration.ofSeconds(5)); // also warms every cache layer
        }
        long epochBefore = epoch();

        servers.redis().stop();
        try {
            for (ApiClient instance : List.of(a, b)) {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(redisHealth(instance)).isEqualTo("DOWN"));
                assertFound(instance, category, SEOUL, List.of(x));
            }

            // writes while Redis is down: a move on A, a create on B
            Response moved = a.putJson("/v1/businesses/" + x, business(category, SYDNEY), owner.auth());
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            Response createdOnB = b.postJson("/v1/businesses", business(category, SYDNEY), owner.auth());
            assertThat(createdOnB.status()).as(createdOnB.body()).isEqualTo(201);
            String y = createdOnB.json().get("id").asText();

            // without the channel, each instance catches up from the database every retry interval
            for (ApiClient instance : List.of(a, b)) {
                awaitFound(instance, category, SYDNEY, List.of(x, y), Duration.ofSeconds(5));
                awaitFound(instance, category, SEOUL, List.of(), Duration.ofSeconds(5));
            }
        } finally {
            servers.redis().restart();
        }

        for (ApiClient instance : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(redisHealth(instance)).isEqualTo("UP"));
        }
        // the caches come back in a new namespace, so nothing filled before or during the outage is read again
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(epoch()).isGreaterThan(epochBefore));
        for (ApiClient instance : List.of(a, b)) {
            awaitFound(instance, category, SYDNEY, List.of(x), List.of(), Duration.ofSeconds(2));
            awaitFound(instance, category, SEOUL, List.of(), Duration.ofSeconds(2));
        }
        // the channel carries changes again (within a second), and Redis holds cells again
        Response movedAgain = a.putJson("/v1/businesses/" + x, business(category, PARIS), owner.auth());
        assertThat(movedAgain.status()).as(movedAgain.body()).isEqualTo(200);
        awaitFound(b, category, PARIS, List.of(x), Duration.ofSeconds(2));
        awaitFound(b, category, SYDNEY, List.of(), List.of(x), Duration.ofSeconds(2));
        assertThat(redis.keys("px:v1:e*:s2:*")).isNotEmpty();
        assertThat(redis.keys("px:v1:biz:*")).isNotEmpty();
    }

    private long epoch() {
        String stored = redis.opsForValue().get("px:v1:epoch");
        return stored == null ? 0 : Long.parseLong(stored);
    }

    private static String redisHealth(ApiClient instance) {
        Response health = instance.get("/actuator/health");
        assertThat(health.status()).isIn(200, 503);
        return health.json().path("components").path("redis").path("status").asText();
    }

    private void awaitFound(ApiClient instance, String category, double[] at, List<String> ids, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertFound(instance, category, at, ids));
    }

    /** {@code included} are found and {@code excluded} are not (others may be there too). */
    private void awaitFound(ApiClient instance, String category, double[] at, List<String> included,
            List<String> excluded, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            for (String index : INDEXES) {
                List<String> found = search(instance, category, at, index).get("businesses").findValuesAsText("id");
                assertThat(found).as(index).containsAll(included);
                assertThat(found).as(index).noneMatch(excluded::contains);
            }
        });
    }

    private static void assertFound(ApiClient instance, String category, double[] at, List<String> ids) {
        for (String index : INDEXES) {
            assertThat(search(instance, category, at, index).get("businesses").findValuesAsText("id"))
                    .as(index).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    private static JsonNode search(ApiClient instance, String category, double[] at, String index) {
        Response found = instance.get("/v1/search/nearby?latitude=" + at[0] + "&longitude=" + at[1]
                + "&radius=1000&category=" + category + "&index=" + index);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json();
    }

    private static String business(String category, double[] at) {
        return "{\"name\":\"Outage probe\",\"category\":\"" + category + "\",\"latitude\":" + at[0]
                + ",\"longitude\":" + at[1] + "}";
    }
}
