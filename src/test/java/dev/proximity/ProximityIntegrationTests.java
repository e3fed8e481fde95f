package dev.proximity;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as operators see it: health probes and metrics on the management port only, the published API
 * description, unknown paths.
 */
@ApiIntegrationTest
class ProximityIntegrationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    ApiClient api;
    ApiClient operations;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        operations = new ApiClient(managementPort);
    }

    @Test
    void readinessCoversTheReadPathAndHealthEveryDependency() {
        ApiClient.Response readiness = operations.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        JsonNode components = readiness.json().get("components");
        assertThat(components.get("replicas").get("status").asText()).isEqualTo("UP");
        assertThat(components.has("redis")).as("a Redis outage must not take every instance out").isFalse();
        assertThat(operations.get("/actuator/health/liveness").json().get("status").asText()).isEqualTo("UP");
        JsonNode all = operations.get("/actuator/health").json().get("components");
        assertThat(all.get("db").get("status").asText()).isEqualTo("UP");
        assertThat(all.get("redis").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void actuatorAnswersOnlyOnTheManagementPort() {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness",
                "/actuator/health/liveness", "/actuator/prometheus", "/actuator/info", "/actuator/env",
                "/actuator/prometheus/", "/actuator/prometheus?format=text", "/ACTUATOR/prometheus")) {
            assertProblem(api.get(path), 404, "not-found");
            assertThat(operations.get(path).status()).as(path).isIn(200, 404);
        }
        // spellings a proxy or a path matcher might read differently: refused, and never the metrics
        for (String path : List.of("//actuator/prometheus", "/actuator;x=y/prometheus", "/%61ctuator/prometheus",
                "/v1/../actuator/prometheus", "/actuator/./prometheus", "/actuator%2Fprometheus")) {
            RawHttp.Reply reply = RawHttp.send(port, "GET", path, null, false);
            assertThat(reply.status()).as(path).isIn(400, 404);
            assertThat(reply.body()).as(path).doesNotContain("jvm_", "\"status\":\"UP\"");
        }
        assertThat(operations.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
        assertThat(operations.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(operations.get("/v1/search/nearby?latitude=37.5&longitude=127").status())
                .as("the management port serves nothing but the actuator").isEqualTo(404);
    }

    @Test
    void publishesTheApiDescriptionAndSwaggerUi() {
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/v1/businesses", "/v1/businesses/{id}",
                "/v1/owners", "/v1/auth/token", "/v1/owners/me/businesses");
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void describesBearerAuthAndProblemResponsesForClientGenerators() {
        JsonNode docs = api.get("/v3/api-docs").json();
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(docs.at("/components/schemas/Problem/properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "errors");
        JsonNode create = docs.at("/paths/~1v1~1businesses/post");
        assertThat(create.at("/security/0").has("bearer")).isTrue();
        assertThat(create.at("/responses").fieldNames()).toIterable()
                .contains("201", "400", "401", "409", "413", "415", "422", "500");
        assertThat(create.at("/responses/422/content").has("application/problem+json")).isTrue();
        assertThat(docs.at("/paths/~1v1~1businesses~1{id}/get/security").isMissingNode()).isTrue();
    }

    @Test
    void exposesPrometheusMetrics() {
        ApiClient.Response metrics = operations.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");

        assertThat(api.get("/v1/search/nearby?latitude=12.345678&longitude=-98.765432&radius=2500&index=quadtree")
                .status()).isEqualTo(200);
        String after = operations.get("/actuator/prometheus").body();
        assertThat(after).contains("proximity_search_latency_seconds_count{call=\"nearby\",index=\"quadtree\"}",
                "proximity_search_matches_count{call=\"nearby\",index=\"quadtree\"}",
                "proximity_search_latency_seconds_bucket");
        assertThat(after).as("no search coordinates in metric tags").doesNotContain("12.34", "98.76");
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        ApiClient.Response missing = api.get("/v1/nothing-here");
        assertProblem(missing, 404, "not-found");
        assertThat(missing.body()).doesNotContain("static resource");
    }

    /** Starts the app with the test configuration, for trying it out from an IDE. */
    public static void main(String[] args) {
        ProximityApplication.main(args);
    }
}
