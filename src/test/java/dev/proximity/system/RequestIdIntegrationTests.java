package dev.proximity.system;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One id follows a request through its answer (the X-Request-Id header and any problem+json), the lines logged
 * while it runs and its access log line: a valid traceparent's trace-id, else a generated one.
 */
@ApiIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "proximity.access-log.enabled=true") // as LocationPrivacyTests: one context
class RequestIdIntegrationTests {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";
    private static final String DISPATCHER = "org.springframework.web.servlet.DispatcherServlet";

    @LocalServerPort
    int port;

    @Autowired
    LoggingSystem loggingSystem;

    @Test
    void aTraceparentsTraceIdIsInTheHeaderTheProblemTheLogAndTheAccessLog(CapturedOutput output) {
        // DispatcherServlet logs "Completed 400 ..." at DEBUG while the request runs: an application log line
        loggingSystem.setLogLevel(DISPATCHER, LogLevel.DEBUG);
        ApiClient.Response response;
        try {
            response = new ApiClient(port).get("/v1/search/nearby?radius=wide&category=traced", "traceparent",
                    TRACEPARENT);
        } finally {
            loggingSystem.setLogLevel(DISPATCHER, null);
        }
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("X-Request-Id")).isEqualTo(TRACE_ID);
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).startsWith("/problems/");
        assertThat(problem.path("requestId").asText()).isEqualTo(TRACE_ID);

        // the access log writes its line after the response has gone out
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll().lines()
                .filter(line -> line.contains("\"GET /v1/search/nearby?radius=-&category=traced HTTP/1.1\" 400"))
                .toList()).singleElement().asString().endsWith(" " + TRACE_ID).contains("[" + TRACE_ID + "]"));
        assertThat(output.getAll().lines().filter(line -> line.contains("Completed 400")))
                .anyMatch(line -> line.contains("[" + TRACE_ID + "]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00-0af7651916cd43dd8448eb211c80319-b7ad6b7169203331-01",
            "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
            "00-00000000000000000000000000000000-b7ad6b7169203331-01",
            "00-0af7651916cd43dd\"}, \"x\": \"1-b7ad6b7169203331-01"})
    void anInvalidTraceparentGetsAGeneratedId(String traceparent) {
        ApiClient.Response response = new ApiClient(port).get("/v1/search/nearby?radius=wide",
                "traceparent", traceparent);
        assertThat(response.status()).isEqualTo(400);
        String id = response.header("X-Request-Id");
        assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID)
                .isNotEqualTo("00000000000000000000000000000000");
        assertThat(response.json().path("requestId").asText()).isEqualTo(id);
    }

    @Test
    void twoRequestsGetDifferentIds() {
        ApiClient api = new ApiClient(port);
        List<String> ids = List.of(api.get("/v1/search/nearby?radius=wide").header("X-Request-Id"),
                api.get("/v1/search/nearby?radius=wide").header("X-Request-Id"));
        assertThat(ids).allMatch(id -> id.matches("[0-9a-f]{32}")).doesNotHaveDuplicates();
    }

    @Test
    void aRefusalOutsideSpringMvcCarriesItsIdToo() {
        // a made-up method is refused by HttpMethodFilter, which runs after RequestIdFilter
        ApiClient.Response response = new ApiClient(port).send("PROPFIND", "/v1/search/nearby", null, null,
                "traceparent", TRACEPARENT);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.json().path("requestId").asText()).isEqualTo(TRACE_ID);
    }
}
