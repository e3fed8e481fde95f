package dev.proximity.business;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.springframework.transaction.support.TransactionTemplate;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/businesses/import} with {@code Prefer: respond-async} and the job it answers with: the whole
 * app over HTTP on its embedded PostgreSQL and Redis.
 */
@ApiIntegrationTest
class BackgroundImportIntegrationTests {

    private static final String HEADER = "name,category,latitude,longitude\n";
    private static final String IMPORT = "/v1/businesses/import";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ImportJobStore jobs;

    @Autowired
    ImportSlots slots;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ImportJobProperties jobProperties;

    ApiClient api;
    Owner owner;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        owner = api.newOwner();
    }

    @Test
    void answers202WithTheJobsLocationAndTheJobCommitsEveryRow() throws IOException {
        Set<Path> spoolsBefore = spools();
        // a preference among others (RFC 7240), in any case
        ApiClient.Response accepted = api.send("POST", IMPORT, "text/csv", csv("Async", 3000),
                owner.auth("Prefer", "wait=10, Respond-Async"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
        assertThat(accepted.header("Retry-After")).isEqualTo("1");
        String location = accepted.header("Location");
        assertThat(location).matches("/v1/businesses/imports/[0-9]+");
        JsonNode started = accepted.json();
        assertThat(location).endsWith("/" + started.path("id").asText());
        assertThat(started.path("state").asText()).isIn("running", "committed");
        assertThat(started.path("startedAt").asText()).isNotBlank();

        JsonNode done = awaitFinished(owner, location);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("committed");
        assertThat(done.path("rowsRead").asLong()).isEqualTo(3000);
        assertThat(done.path("rowsWritten").asLong()).isEqualTo(3000);
        assertThat(done.path("rowsPerSecond").asDouble()).isPositive();
        assertThat(done.path("finishedAt").asText()).isNotBlank();
        assertThat(done.path("failure").isNull()).isTrue();
        assertThat(done.path("errors")).isEmpty();
        assertThat(namesOf(owner)).hasSize(3000).allMatch(name -> name.startsWith("Async "));
        // the slot is given back once the import's thread is done (after search has taken the rows in)
        await().atMost(Duration.ofSeconds(30)).until(() -> slots.runningFor(id(owner)) == 0);
        assertThat(spools()).as("the body's spool is deleted once imported").isEqualTo(spoolsBefore);
    }

    @Test
    void aJobIsTheOwnersOnly() {
        String location = importAsync(owner, csv("Mine", 2)).header("Location");
        awaitFinished(owner, location);

        Owner other = api.newOwner();
        assertProblem(api.get(location, other.auth()), 404, "import-job-not-found");
        assertThat(api.get(location).status()).isEqualTo(401);
        assertProblem(api.get("/v1/businesses/imports/123456789", owner.auth()), 404, "import-job-not-found");
        assertProblem(api.get("/v1/businesses/imports/12x", owner.auth()), 400, "malformed-id");
    }

    @Test
    void aJobWithBadLinesFailsWithThemAndWritesNothing() {
        String body = HEADER + "Good,cafe,1,2\nBad latitude,cafe,91,2\nGood too,cafe,3,4\n,cafe,5,6\n";
        String location = importAsync(owner, body).header("Location");

        JsonNode failed = awaitFinished(owner, location);
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("failure").path("type").asText()).isEqualTo("/problems/import-rejected");
        assertThat(failed.path("failure").path("detail").asText()).contains("nothing was imported");
        assertThat(failed.path("errors").findValuesAsText("line")).containsExactly("3", "5");
        assertThat(failed.path("errors").get(0).path("message").asText()).contains("latitude");
        assertThat(failed.path("errorCount").asLong()).isEqualTo(2);
        assertThat(failed.path("rowsRead").asLong()).isEqualTo(4);
        assertThat(failed.path("rowsWritten").asLong()).isZero();
        assertThat(namesOf(owner)).isEmpty();
    }

    @Test
    void aRecordOverTheLengthCapFailsTheJobNamingItsLine() {
        String body = HEADER + "Fine,cafe,1,2\n\"" + "x".repeat(70_000) + "\",cafe,1,2\n";
        JsonNode failed = awaitFinished(owner, importAsync(owner, body).header("Location"));
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("failure").path("type").asText()).isEqualTo("/problems/import-line-too-long");
        assertThat(failed.path("errors").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(namesOf(owner)).isEmpty();
    }

    @Test
    void theJobCommitsAfterTheClientHangsUpOnceItsBodyIsSent() {
        byte[] body = csv("Orphan", 30_000).getBytes(StandardCharsets.UTF_8);
        try (HeldUpload upload = asyncUpload(owner, body.length)) {
            upload.send(body);
            // the client is gone before the import can have finished
            await().atMost(Duration.ofSeconds(30)).until(() -> !jobIds(owner).isEmpty());
        }
        String location = "/v1/businesses/imports/" + jobIds(owner).get(0);
        JsonNode done = awaitFinished(owner, location);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("committed");
        assertThat(done.path("rowsWritten").asLong()).isEqualTo(30_000);
        assertThat(namesOf(owner)).hasSize(30_000);
    }

    @Test
    void aBodyCutOffMidUploadMakesNoJobAndWritesNothing() {
        String body = csv("Cut", 2000);
        try (HeldUpload upload = asyncUpload(owner, body.length())) {
            upload.send(body.substring(0, body.length() / 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> slots.runningFor(id(owner)) == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> slots.runningFor(id(owner)) == 0);
        assertThat(jobIds(owner)).isEmpty();
        assertThat(namesOf(owner)).isEmpty();
    }

    @Test
    void theOwnersCapAppliesToBackgroundImportsToo() {
        String held = csv("Held", 10);
        try (HeldUpload running = HeldUpload.start(port, "POST", IMPORT, held.length(),
                "Authorization", "Bearer " + owner.token(), "Content-Type", "text/csv")) {
            running.send(HEADER);
            await().atMost(Duration.ofSeconds(10)).until(() -> slots.runningFor(id(owner)) == 1);
            ApiClient.Response refused = importAsync(owner, csv("Async", 5));
            assertProblem(refused, 429, "import-in-progress");
            assertThat(refused.header("Retry-After")).isEqualTo("10");
            running.send(held.substring(HEADER.length()));
            RawHttp.Reply reply = running.reply();
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }
        assertThat(jobIds(owner)).isEmpty();
        assertThat(namesOf(owner)).hasSize(10).allMatch(name -> name.startsWith("Held "));
    }

    @Test
    void withoutThePreferenceTheImportAnswersAsBefore() {
        ApiClient.Response imported = api.send("POST", IMPORT, "text/csv", csv("Sync", 4),
                owner.auth("Prefer", "return=minimal"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).isEqualTo("{\"imported\":4}");
        assertThat(imported.header("Preference-Applied")).isNull();
        assertThat(jobIds(owner)).isEmpty();
    }

    @Test
    void aJobWhoseHeartbeatStoppedReadsAsFailedAndCanNeverCommit() {
        long job = 9_000_000_000_000L + id(owner) % 1_000_000;
        // as an instance that died mid-import leaves it: running, with its last heartbeat long ago
        jdbc.update("INSERT INTO business_import_job (id, owner_id, state, rows_read, rows_written, started_at,"
                + " heartbeat_at) VALUES (?, ?, 'running', 5000, 4096, now() - interval '2 minutes',"
                + " now() - interval '1 minute')", job, id(owner));

        JsonNode dead = api.get("/v1/businesses/imports/" + job, owner.auth()).json();
        assertThat(dead.path("state").asText()).isEqualTo("failed");
        assertThat(dead.path("failure").path("type").asText()).isEqualTo("/problems/import-interrupted");
        assertThat(dead.path("failure").path("detail").asText()).contains("nothing was imported");
        assertThat(dead.path("rowsRead").asLong()).isEqualTo(5000);
        assertThat(dead.path("rowsWritten").asLong()).isZero();
        assertThat(dead.path("finishedAt").asText()).isNotBlank();

        // had its import still been alive somewhere, its commit is refused and so rolled back
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> jobs.commit(job, 5000, 5000)))
                .isInstanceOf(ImportInterruptedException.class);
        assertThat(api.get("/v1/businesses/imports/" + job, owner.auth()).json().path("state").asText())
                .isEqualTo("failed");
    }

    @Test
    void finishedJobsArePrunedAfterTheRetention() {
        long old = 9_100_000_000_000L + id(owner) % 1_000_000;
        jdbc.update("INSERT INTO business_import_job (id, owner_id, state, started_at, heartbeat_at, finished_at)"
                + " VALUES (?, ?, 'committed', now() - interval '3 days', now() - interval '3 days',"
                + " now() - interval '3 days')", old, id(owner));
        String recent = importAsync(owner, csv("Recent", 1)).header("Location");
        awaitFinished(owner, recent);

        assertThat(jobs.prune()).isPositive();
        assertProblem(api.get("/v1/businesses/imports/" + old, owner.auth()), 404, "import-job-not-found");
        assertThat(api.get(recent, owner.auth()).status()).isEqualTo(200);
    }

    private JsonNode awaitFinished(Owner by, String location) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ApiClient.Response job = api.get(location, by.auth());
            assertThat(job.status()).as(job.body()).isEqualTo(200);
            last[0] = job.json();
            return !last[0].path("state").asText().equals("running");
        });
        return last[0];
    }

    private Set<Path> spools() throws IOException {
        try (Stream<Path> files = Files.list(jobProperties.spoolPath())) {
            return files.filter(file -> file.getFileName().toString().matches("proximity-import-.*\\.spool"))
                    .collect(Collectors.toSet());
        }
    }

    private ApiClient.Response importAsync(Owner by, String csv) {
        return api.send("POST", IMPORT, "text/csv", csv, by.auth("Prefer", "respond-async"));
    }

    private HeldUpload asyncUpload(Owner by, long contentLength) {
        return HeldUpload.start(port, "POST", IMPORT, contentLength, "Authorization", "Bearer " + by.token(),
                "Content-Type", "text/csv", "Prefer", "respond-async");
    }

    static String csv(String prefix, int rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append(' ').append(i).append(",cafe,").append(i % 80).append(".5,")
                    .append(i % 170).append(".25\n");
        }
        return csv.toString();
    }

    private List<String> jobIds(Owner by) {
        return jdbc.queryForList("SELECT id::text FROM business_import_job WHERE owner_id = ?", String.class, id(by));
    }

    private List<String> namesOf(Owner by) {
        return jdbc.queryForList("SELECT name FROM business WHERE owner_id = ?", String.class, id(by));
    }

    private static long id(Owner by) {
        return Long.parseLong(by.id());
    }
}
