package dev.proximity.business;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import static org.awaitility.Awaitility.await;

/**
 * What one client can make a bulk import cost the server: how many run at once (per owner and in all), how much
 * memory their buffers take, how long one record may be, and how long a slow or stalled upload may hold on.
 * Uploads are held open over a bare socket ({@link HeldUpload}), so "while one is running" is a fact the test
 * controls rather than a race it hopes to win.
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
    ImportSlots slots;

    @Autowired
    ImportMemory memory;

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
    void aSecondImportOfTheSameOwnerIsRefusedWith429WhileTheFirstProceeds() {
        String first = csv("First", 50);
        try (HeldUpload running = hold(owner, first)) {
            running.send(first.substring(0, HEADER.length() + 10));
            await().atMost(Duration.ofSeconds(10)).until(() -> slots.runningFor(id(owner)) == 1);
            // nothing of the 32 MiB two full batches take is allocated, or even reserved, ahead of the data
            assertThat(memory.reservedBytes()).isLessThan(4L << 20);

            for (int attempt = 0; attempt < 3; attempt++) {
                ApiClient.Response refused = importCsv(owner, csv("Second", 5));
                JsonNode problem = assertProblem(refused, 429, "import-in-progress");
                assertThat(refused.header("Retry-After")).isEqualTo("10");
                assertThat(problem.path("detail").asText()).contains("nothing was read or written");
            }

            running.send(first.substring(HEADER.length() + 10));
            RawHttp.Reply done = running.reply();
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.body()).isEqualTo("{\"imported\":50}");
        }
        assertThat(namesOf(owner)).hasSize(50).allMatch(name -> name.startsWith("First"));
        assertThat(slots.runningFor(id(owner))).isZero();
        // and once it is over, the owner imports again
        assertThat(importCsv(owner, csv("Third", 2)).status()).isEqualTo(200);
    }

    @Test
    void importsBeyondTheInstanceCapAreRefusedWith503UntilOneEnds() {
        List<HeldUpload> running = new ArrayList<>();
        List<Owner> owners = new ArrayList<>();
        try {
            for (int i = 0; i < properties.maxConcurrent(); i++) {
                Owner other = api.newOwner();
                owners.add(other);
                running.add(hold(other, csv("Held", 3)).send(HEADER));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> slots.running() == properties.maxConcurrent());

            ApiClient.Response refused = importCsv(owner, csv("Late", 1));
            assertProblem(refused, 503, "import-capacity");
            assertThat(refused.header("Retry-After")).isEqualTo("5");

            String rest = csv("Held", 3).substring(HEADER.length());
            for (HeldUpload upload : running) {
                upload.send(rest);
                assertThat(upload.reply().status()).isEqualTo(200);
            }
        } finally {
            running.forEach(HeldUpload::close);
        }
        owners.forEach(other -> assertThat(namesOf(other)).hasSize(3));
        assertThat(namesOf(owner)).isEmpty();
        assertThat(importCsv(owner, csv("Late", 1)).status()).isEqualTo(200);
    }

    @Test
    void anImportIsRefusedWith503RatherThanGrowPastTheMemoryBudget() {
        // other imports (played by the test) hold all but a sliver of the budget
        long taken = memory.budgetBytes() - memory.reservedBytes() - 1024;
        assertThat(memory.tryReserve(taken)).isTrue();
        try {
            long reserved = memory.reservedBytes();
            ApiClient.Response refused = importCsv(owner, csv("Squeezed", 10));
            JsonNode problem = assertProblem(refused, 503, "import-capacity");
            assertThat(problem.path("detail").asText()).contains("memory");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(memory.reservedBytes()).as("the refused import left nothing reserved").isEqualTo(reserved);
        } finally {
            memory.release(taken);
        }
        assertThat(namesOf(owner)).isEmpty();
        assertThat(importCsv(owner, csv("Squeezed", 10)).status()).isEqualTo(200);
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

    @Test
    void aClientThatStallsHalfWayGets408NothingIsWrittenAndNoTransactionWaitsForIt() {
        String body = csv("Stalled", 200);
        try (HeldUpload upload = hold(owner, body)) {
            upload.send(body.substring(0, body.length() / 2));
            await().atMost(Duration.ofSeconds(5)).until(() -> slots.runningFor(id(owner)) == 1);
            // the import has rows but no transaction: no session sits idle in one while the client is silent
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> sessionsIdleInTransaction() == 0);
            RawHttp.Reply reply = upload.reply(); // after Tomcat's read timeout
            assertThat(reply.status()).as(reply.body()).isEqualTo(408);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(json(reply.body()).path("type").asText()).isEqualTo("/problems/request-timeout");
        }
        assertThat(namesOf(owner)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> slots.runningFor(id(owner)) == 0);
    }

    @Test
    void aLargeImportThatStallsAfterItsTransactionOpenedGets408AndIsRolledBack() {
        // more rows than a first batch holds: the import is writing when the client goes silent
        int rows = BusinessCopyWriter.MAX_BATCH_ROWS + 5000;
        String body = csv("Big", rows);
        try (HeldUpload upload = hold(owner, body)) {
            upload.send(body.substring(0, body.length() - 1000));
            await().atMost(Duration.ofSeconds(30)).until(() -> sessionsIdleInTransaction() == 1);
            RawHttp.Reply reply = upload.reply();
            assertThat(reply.status()).as(reply.body()).isEqualTo(408);
            assertThat(json(reply.body()).path("type").asText()).isEqualTo("/problems/request-timeout");
        }
        assertThat(namesOf(owner)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> sessionsIdleInTransaction() == 0);
    }

    /** Sessions that have been idle inside a transaction for over a second (nothing of the app's own does that). */
    private int sessionsIdleInTransaction() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'"
                + " AND state_change < now() - interval '1 second'", Integer.class);
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
