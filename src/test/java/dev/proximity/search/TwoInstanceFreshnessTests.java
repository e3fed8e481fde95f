package dev.proximity.search;

import dev.proximity.support.EmbeddedServersOnly;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two app instances on one PostgreSQL and one Redis, as behind a load balancer: a write on either is found by
 * searches on the other within a second, through every index. Instance A is the test's own context (embedded
 * servers); instance B is a second app pointed at A's servers in production mode.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EmbeddedServersOnly("starts a second instance on the first one's embedded servers")
class TwoInstanceFreshnessTests {

    static final Duration FRESH_WITHIN = Duration.ofSeconds(1);
    static final List<String> INDEXES = List.of("geohash", "quadtree", "s2");

    @LocalServerPort
    int portA;

    @Autowired
    EmbeddedServers servers;

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
                "--proximity.id.node=1001",
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
    void createMoveAndDeleteOnOneInstanceAreSearchableOnTheOther() {
        Owner owner = a.newOwner();
        String category = "relay_" + Long.toHexString(System.nanoTime());
        String seoul = business(category, 37.5665, 126.9780);

        Response created = a.postJson("/v1/businesses", seoul, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        awaitOn(b, category, 37.5665, 126.9780, List.of(id));

        Response moved = a.putJson("/v1/businesses/" + id, business(category, -33.8688, 151.2093), owner.auth());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        awaitOn(b, category, -33.8688, 151.2093, List.of(id));
        awaitOn(b, category, 37.5665, 126.9780, List.of());

        // the other way round: a write on B is found on A
        Response createdOnB = b.postJson("/v1/businesses", business(category, -33.8690, 151.2095), owner.auth());
        assertThat(createdOnB.status()).as(createdOnB.body()).isEqualTo(201);
        String idOnB = createdOnB.json().get("id").asText();
        awaitOn(a, category, -33.8688, 151.2093, List.of(id, idOnB));

        assertThat(a.delete("/v1/businesses/" + id, owner.auth()).status()).isEqualTo(204);
        awaitOn(b, category, -33.8688, 151.2093, List.of(idOnB));
    }

    @Test
    void anImportOnOneInstanceIsSearchableOnTheOther() {
        Owner owner = a.newOwner();
        String category = "relay_import_" + Long.toHexString(System.nanoTime());
        String csv = "name,category,latitude,longitude\n"
                + "One," + category + ",48.8566,2.3522\n"
                + "Two," + category + ",48.8570,2.3530\n"
                + "Three," + category + ",48.8580,2.3510\n";
        Response imported = a.send("POST", "/v1/businesses/import", "text/csv", csv, owner.auth());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        for (String index : INDEXES) {
            await().atMost(FRESH_WITHIN).untilAsserted(() ->
                    assertThat(search(b, category, 48.8566, 2.3522, index).get("total").asInt()).isEqualTo(3));
        }
    }

    private void awaitOn(ApiClient instance, String category, double lat, double lng, List<String> expectedIds) {
        for (String index : INDEXES) {
            await().atMost(FRESH_WITHIN).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                    assertThat(search(instance, category, lat, lng, index).get("businesses").findValuesAsText("id"))
                            .as(index).containsExactlyInAnyOrderElementsOf(expectedIds));
        }
    }

    private static JsonNode search(ApiClient instance, String category, double lat, double lng, String index) {
        Response found = instance.get("/v1/search/nearby?latitude=" + lat + "&longitude=" + lng
                + "&radius=1000&category=" + category + "&index=" + index);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json();
    }

    private static String business(String category, double lat, double lng) {
        return "{\"name\":\"Relay probe\",\"category\":\"" + category + "\",\"latitude\":" + lat
                + ",\"longitude\":" + lng + "}";
    }
}
