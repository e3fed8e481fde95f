package dev.proximity.business;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.HeldUpload;
import dev.proximity.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one client can make a bulk import cost the server: how long one record may be. Uploads are held open over
 * a bare socket ({@link HeldUpload}), so the test controls what the server has received when it answers.
 */
@ApiIntegrationTest
class ImportLimitsIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "name,category,latitude,longitude\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ImportProperties properties;

    ApiClient api;
    Owner owner;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        owner = api.newOwner();
    }

    @Test
    void aCsvRecordLongerThanTheLimitStopsTheImportAtOnceNamingItsLine() {
        String start = HEADER + "Fine,cafe,1,2\n\"" + "x".repeat(properties.maxRecordChars() + 10);
        // the body says 100 MB are coming; the answer must not wait for them, nor hold the record
        try (HeldUpload upload = hold(owner, 100_000_000L)) {
            upload.send(start);
            RawHttp.Reply reply = upload.reply();
            assertThat(reply.status()).as(reply.body()).isEqualTo(413);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = json(reply.body());
            assertThat(problem.path("type").asText()).isEqualTo("/problems/import-line-too-long");
            assertThat(problem.path("detail").asText()).contains("Line 3 ");
            assertThat(problem.path("errors").get(0).path("line").asInt()).isEqualTo(3);
        }
        assertThat(namesOf(owner)).isEmpty();
    }

    @Test
    void anNdjsonLineLongerThanTheLimitIsA413NamingItsLine() {
        String ndjson = "{\"name\":\"Fine\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":2}\n\n"
                + "{\"name\":\"" + "x".repeat(properties.maxRecordChars()) + "\",\"category\":\"cafe\"}\n"
                + "{\"name\":\"After\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":2}\n";
        ApiClient.Response refused = api.send("POST", "/v1/businesses/import", "application/x-ndjson", ndjson,
                owner.auth());
        JsonNode problem = assertProblem(refused, 413, "import-line-too-long");
        assertThat(problem.path("errors").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(namesOf(owner)).isEmpty();
    }

    private HeldUpload hold(Owner by, String body) {
        return hold(by, body.getBytes(StandardCharsets.UTF_8).length);
    }

    private HeldUpload hold(Owner by, long contentLength) {
        return HeldUpload.start(port, "POST", "/v1/businesses/import", contentLength,
                "Authorization", "Bearer " + by.token(), "Content-Type", "text/csv");
    }

    private ApiClient.Response importCsv(Owner by, String csv) {
        return api.send("POST", "/v1/businesses/import", "text/csv", csv, by.auth());
    }

    private static String csv(String prefix, int rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append(' ').append(i).append(",cafe,").append(i % 80).append(".5,")
                    .append(i % 170).append(".25\n");
        }
        return csv.toString();
    }

    private List<String> namesOf(Owner by) {
        return jdbc.queryForList("SELECT name FROM business WHERE owner_id = ?", String.class, id(by));
    }

    private static long id(Owner by) {
        return Long.parseLong(by.id());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
