package dev.proximity.system;

import dev.proximity.support.EmbeddedServersOnly;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.PrimaryOutageTopology;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every instance shares one Redis, and search, reads and writes all answer without it: a Redis outage must not
 * take every instance out of the load balancer. The embedded Redis is really stopped; readiness stays UP (200)
 * while the operators' full health shows Redis DOWN, and searches and reads keep answering.
 */
@PrimaryOutageTopology
@EmbeddedServersOnly("stops its Redis and runs streaming replicas")
class RedisOutageReadinessTests {

    static final String CAFE = """
            {"name": "Cafe Ready", "category": "ready_probe", "latitude": 37.5664, "longitude": 126.9779}""";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    EmbeddedServers servers;

    @Test
    void readinessStaysUpThroughARedisOutageWhileSearchesAnswer() {
        ApiClient api = new ApiClient(port);
        ApiClient operations = new ApiClient(managementPort);
        Owner owner = api.newOwner();
        Response created = api.postJson("/v1/businesses", CAFE, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        // anonymous reads come from the replica: wait until it has replayed the insert
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/v1/businesses/" + id).status() == 200);

        servers.redis().stop();
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(operations.get("/actuator/health")
                    .json().path("components").path("redis").path("status").asText()).isEqualTo("DOWN"));

            Response readiness = operations.get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
            JsonNode components = readiness.json().path("components");
            assertThat(components.has("redis")).as("Redis is not part of readiness").isFalse();
            assertThat(components.path("replicas").path("status").asText()).isEqualTo("UP");
            assertThat(operations.get("/actuator/health/liveness").status()).isEqualTo(200);

            for (String index : new String[] {"geohash", "quadtree", "s2"}) {
                Response found = api.get("/v1/search/nearby?latitude=37.5664&longitude=126.9779&radius=100"
                        + "&category=ready_probe&index=" + index);
                assertThat(found.status()).as(found.body()).isEqualTo(200);
                assertThat(found.json().get("businesses").findValuesAsText("id")).as(index).containsExactly(id);
            }
            assertThat(api.get("/v1/businesses/" + id).status()).isEqualTo(200);
        } finally {
            servers.redis().restart();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(operations.get("/actuator/health")
                .json().path("components").path("redis").path("status").asText()).isEqualTo("UP"));
    }
}
