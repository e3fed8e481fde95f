package dev.proximity.search;

import java.time.Duration;
import java.util.List;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A searcher's location is theirs: after searches with distinctive coordinates (good ones, and bad ones that
 * are refused), neither the application log, the access log (both captured from the console), the metrics nor
 * any answer holds them with more than two decimals.
 */
@ApiIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "proximity.access-log.enabled=true")
class LocationPrivacyTests {

    /** Every form in which 12.345678 / 98.765432 could leak with three decimals or more. */
    private static final List<String> TRACES = List.of("12.345", "12,345", "12%2E345", "98.765", "98,765",
            "98%2E765", "12.346", "98.766");

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void searchCoordinatesReachNoLogMetricOrAnswer(CapturedOutput output) {
        ApiClient api = new ApiClient(port);
        List<String> queries = List.of(
                "latitude=12.345678&longitude=98.765432",
                "latitude=12.345678&longitude=98.765432&index=geohash&radius=50000&category=cafe",
                "latitude=12.345678&longitude=98.765432&index=quadtree&openNow=true",
                "latitude=-12.345678&longitude=-98.765432&index=s2&limit=1");
        for (String query : queries) {
            ApiClient.Response response = api.get("/v1/search/nearby?" + query);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        List<String> refused = List.of(
                "latitude=12.345678&longitude=198.765432",
                "latitude=112.345678&longitude=98.765432",
                "latitude=12.345678x&longitude=98.765432e0",
                "latitude=12.345678&longitude=98.765432&radius=0",
                "latitude=12.345678&longitude=98.765432&12.345678=98.765432",
                "latitude=12.345678&longitude=98.765432&pageToken=12.345678",
                "latitude=12.345678&latitude=12.345678&longitude=98.765432",
                "latitude=12.345678%ZZ&longitude=98.765432",
                "latitude=12.345678&longitude=98.765432&category=%%",
                "latitude=12.345678&longitude=98.765432&limit=98.765432");
        for (String query : refused) {
            RawHttp.Reply response = RawHttp.send(port, "GET", "/v1/search/nearby?" + query, null, false);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).contains("/problems/").doesNotContain(TRACES);
        }
        ApiClient.Response metrics = new ApiClient(managementPort).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds").doesNotContain(TRACES);

        // the access log writes its line after the response has gone out: wait for the last request's line
        assertThat(api.get("/v1/last-request-of-the-privacy-test").status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll())
                .contains("\"GET /v1/last-request-of-the-privacy-test HTTP/1.1\" 404"));
        String logs = output.getAll();
        assertThat(logs).doesNotContain(TRACES);
        // the access log is on and saw the searches, redacted
        assertThat(logs).contains("\"GET /v1/search/nearby?latitude=-&longitude=- HTTP/1.1\" 200")
                .contains("\"GET /v1/search/nearby?latitude=-&longitude=-&index=geohash&radius=50000&category=cafe");
    }
}
