package dev.proximity.support;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What every error of the API must look like (RFC 9457, no internals). */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static JsonNode assertProblem(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).isEqualTo("/problems/" + type);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at dev.", "at org.", "com.fasterxml", "java.");
        return problem;
    }

    /** A 400 whose {@code errors} name {@code field}. */
    public static void assertFieldError(ApiClient.Response response, String field) {
        JsonNode problem = assertProblem(response, 400, "validation-failed");
        assertThat(problem.path("errors").findValuesAsText("field")).contains(field);
    }
}
