package dev.proximity.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document shows each search call with its parameters typed one by one (what a generated client
 * needs), not the single map the controller reads them into.
 */
@ApiIntegrationTest
class SearchOpenApiTests {

    @LocalServerPort
    int port;

    @Test
    void everySearchCallHasTypedQueryParameters() {
        JsonNode paths = new ApiClient(port).get("/v3/api-docs").json().get("paths");
        Map<String, Map<String, String>> calls = Map.of(
                "/v1/search/nearby", Map.of("latitude", "number", "longitude", "number", "radius", "number",
                        "limit", "integer", "pageToken", "string", "category", "array", "openNow", "boolean",
                        "q", "string", "index", "string"),
                "/v1/search/nearest", Map.of("latitude", "number", "longitude", "number", "maxDistance", "number",
                        "limit", "integer", "category", "array", "openNow", "boolean", "q", "string",
                        "index", "string"),
                "/v1/search/area", Map.ofEntries(Map.entry("south", "number"), Map.entry("west", "number"),
                        Map.entry("north", "number"), Map.entry("east", "number"), Map.entry("limit", "integer"),
                        Map.entry("pageToken", "string"), Map.entry("category", "array"),
                        Map.entry("openNow", "boolean"), Map.entry("q", "string"), Map.entry("index", "string")),
                "/v1/search/clusters", Map.of("south", "number", "west", "number", "north", "number",
                        "east", "number", "zoom", "integer", "category", "array", "openNow", "boolean",
                        "q", "string"));
        for (Map.Entry<String, Map<String, String>> call : calls.entrySet()) {
            JsonNode get = paths.path(call.getKey()).path("get");
            assertThat(get.isMissingNode()).as(call.getKey()).isFalse();
            List<String> names = new ArrayList<>();
            for (JsonNode parameter : get.path("parameters")) {
                String name = parameter.path("name").asText();
                names.add(name);
                String what = call.getKey() + " " + name + ": " + parameter;
                assertThat(parameter.path("in").asText()).as(what).isEqualTo("query");
                JsonNode schema = parameter.path("schema");
                assertThat(schema.path("type").asText()).as(what).isEqualTo(call.getValue().get(name));
                assertThat(schema.has("additionalProperties")).as(what).isFalse();
                assertThat(schema.has("$ref")).as(what).isFalse();
            }
            assertThat(names).as(call.getKey()).containsExactlyInAnyOrderElementsOf(call.getValue().keySet());
            JsonNode required = get.path("parameters");
            for (JsonNode parameter : required) {
                boolean mustBeRequired = List.of("latitude", "longitude", "south", "west", "north", "east", "zoom")
                        .contains(parameter.path("name").asText());
                assertThat(parameter.path("required").asBoolean(false)).as(call.getKey() + " " + parameter)
                        .isEqualTo(mustBeRequired);
            }
            assertThat(get.at("/responses/400/content").has("application/problem+json")).as(call.getKey()).isTrue();
        }
        JsonNode nearest = paths.at("/~1v1~1search~1nearest/get/parameters");
        for (JsonNode parameter : nearest) {
            if (parameter.path("name").asText().equals("latitude")) {
                assertThat(parameter.at("/schema/minimum").asDouble()).isEqualTo(-90);
                assertThat(parameter.at("/schema/maximum").asDouble()).isEqualTo(90);
            }
            if (parameter.path("name").asText().equals("category")) {
                assertThat(parameter.at("/schema/items/type").asText()).isEqualTo("string");
            }
        }
    }
}
