package dev.proximity.system;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every call of the published contract keeps, checked on the live {@code /v3/api-docs}: a summary and an
 * operationId, every parameter typed and bounded, JSON for every success body, and for every error status the
 * problem+json body with the problem types it can carry. Each test collects all breaches, so one run lists them.
 */
@ApiIntegrationTest
class OpenApiAuditTests {

    @LocalServerPort
    int port;

    private JsonNode document;

    @BeforeEach
    void readDocument() {
        document = new ApiClient(port).get("/v3/api-docs").json();
    }

    @Test
    void everyOperationHasASummaryAndAnOperationId() {
        List<String> breaches = new ArrayList<>();
        forEachOperation((where, operation) -> {
            if (operation.path("summary").asText().isBlank()) {
                breaches.add(where + ": no summary");
            }
            if (operation.path("operationId").asText().isBlank()) {
                breaches.add(where + ": no operationId");
            }
        });
        assertThat(breaches).isEmpty();
    }

    /** Numbers and integers have a minimum and maximum; strings a pattern, an enum or a maximum length. */
    @Test
    void everyParameterHasATypeAndARange() {
        List<String> breaches = new ArrayList<>();
        forEachOperation((where, operation) -> {
            for (JsonNode parameter : operation.path("parameters")) {
                String name = where + " " + parameter.path("in").asText() + " " + parameter.path("name").asText();
                JsonNode schema = parameter.path("schema");
                if (schema.path("type").asText().equals("array")) {
                    if (!schema.has("maxItems")) {
                        breaches.add(name + ": an array without maxItems");
                    }
                    schema = schema.path("items");
                }
                String problem = rangeProblem(schema);
                if (problem != null) {
                    breaches.add(name + ": " + problem + " in " + schema);
                }
            }
        });
        assertThat(breaches).isEmpty();
    }

    @Test
    void everySuccessBodyIsJson() {
        List<String> breaches = new ArrayList<>();
        forEachOperation((where, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            if (response.getKey().startsWith("2")) {
                response.getValue().path("content").fieldNames().forEachRemaining(type -> {
                    if (!type.equals("application/json")) {
                        breaches.add(where + " " + response.getKey() + ": " + type);
                    }
                });
            }
        }));
        assertThat(breaches).isEmpty();
    }

    /** Every response, success or error, declares the X-Request-Id header that ties it to its log lines. */
    @Test
    void everyResponseDeclaresItsRequestId() {
        List<String> breaches = new ArrayList<>();
        forEachOperation((where, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            if (!response.getValue().at("/headers/X-Request-Id/$ref").asText()
                    .equals("#/components/headers/X-Request-Id")) {
                breaches.add(where + " " + response.getKey());
            }
        }));
        assertThat(breaches).isEmpty();
        assertThat(document.at("/components/headers/X-Request-Id/schema/pattern").asText()).isEqualTo("^[0-9a-f]{32}$");
    }

    /**
     * Each 4xx and 5xx response is {@code application/problem+json} with the Problem schema and one example per
     * problem type it can carry, each with a {@code /problems/<slug>} type and the response's own status.
     */
    @Test
    void everyErrorResponseIsAProblemWithItsTypes() {
        List<String> breaches = new ArrayList<>();
        forEachOperation((where, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            String status = response.getKey();
            if (!status.startsWith("4") && !status.startsWith("5")) {
                return;
            }
            String what = where + " " + status;
            JsonNode problemJson = response.getValue().at("/content/application~1problem+json");
            if (problemJson.isMissingNode() || response.getValue().path("content").size() != 1) {
                breaches.add(what + ": content is not (only) application/problem+json");
                return;
            }
            if (!problemJson.at("/schema/$ref").asText().equals("#/components/schemas/Problem")) {
                breaches.add(what + ": schema is not the Problem");
            }
            if (problemJson.path("examples").isEmpty()) {
                breaches.add(what + ": no problem types listed");
            }
            problemJson.path("examples").fields().forEachRemaining(example -> {
                JsonNode value = example.getValue().path("value");
                if (!value.path("type").asText().equals("/problems/" + example.getKey())
                        || !value.path("status").asText().equals(status) || value.path("title").asText().isBlank()) {
                    breaches.add(what + ": example " + example.getKey() + " is " + value);
                }
            });
        }));
        assertThat(breaches).isEmpty();
    }

    @Test
    void writeCallsNeedTheBearerTokenAndSayWhatAMissingOneGives() {
        List<String> breaches = new ArrayList<>();
        forEachOperation((where, operation) -> {
            boolean secured = operation.path("security").findValue("bearer") != null;
            boolean write = !where.startsWith("GET ") || where.contains("/v1/owners/me");
            if (write && !secured && !where.equals("POST /v1/owners") && !where.equals("POST /v1/auth/token")) {
                breaches.add(where + ": a write without the bearer scheme");
            }
            if (secured && !operation.at("/responses/401/content/application~1problem+json/examples")
                    .has("unauthorized")) {
                breaches.add(where + ": no 401 unauthorized");
            }
        });
        assertThat(breaches).isEmpty();
    }

    private static String rangeProblem(JsonNode schema) {
        switch (schema.path("type").asText()) {
            case "number", "integer":
                return schema.has("minimum") && schema.has("maximum") ? null : "no minimum and maximum";
            case "string":
                return schema.has("pattern") || schema.has("enum") || schema.has("maxLength") ? null
                        : "no pattern, enum or maxLength";
            case "boolean":
                return null;
            default:
                return "no type";
        }
    }

    private void forEachOperation(OperationVisitor visitor) {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        assertThat(paths.hasNext()).as("the document has paths").isTrue();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(method -> visitor.visit(
                    method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), method.getValue()));
        }
    }

    private interface OperationVisitor {
        void visit(String where, JsonNode operation);
    }
}
