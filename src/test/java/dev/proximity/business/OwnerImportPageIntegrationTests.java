package dev.proximity.business;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.HeldUpload;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The owner pages' upload and progress calls over HTTP, as the import page's script makes them: the session
 * cookie, the CSRF token from the page's form, JSON back.
 */
@ApiIntegrationTest
class OwnerImportPageIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPLOAD = "/owner/businesses/import";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ImportSlots slots;

    ApiClient api;
    Owner owner;
    PageClient page;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        owner = api.newOwner();
        page = signedIn(owner);
    }

    @Test
    void theUploadStartsABackgroundImportWhoseProgressOnlyItsOwnerSees() throws Exception {
        Page accepted = page.postBody(UPLOAD, "text/csv", BackgroundImportIntegrationTests.csv("Paged", 120),
                "X-CSRF-TOKEN", csrfToken(page), "Accept", "application/json");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode started = JSON.readTree(accepted.body());
        String progress = started.path("progress").asText();
        assertThat(progress).isEqualTo("/owner/businesses/imports/" + started.path("job").asText() + "/progress");

        await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(page.get(progress).body())
                .path("state").asText().equals("committed"));
        JsonNode done = JSON.readTree(page.get(progress).body());
        assertThat(done.path("rowsWritten").asLong()).isEqualTo(120);
        assertThat(names(owner)).isEqualTo(120);

        Page foreign = signedIn(api.newOwner()).get(progress);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(foreign.body()).path("type").asText()).isEqualTo("/problems/import-job-not-found");
    }

    @Test
    void anUploadWithoutTheFormsCsrfTokenIsRefusedAndStartsNothing() {
        Page refused = page.postBody(UPLOAD, "text/csv", BackgroundImportIntegrationTests.csv("Forged", 3),
                "Accept", "application/json");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business_import_job WHERE owner_id = ?", Long.class,
                Long.parseLong(owner.id()))).isZero();
        assertThat(names(owner)).isZero();
    }

    @Test
    void aRefusedUploadIsAProblemTheScriptCanShow() throws Exception {
        String held = BackgroundImportIntegrationTests.csv("Held", 3);
        try (HeldUpload running = HeldUpload.start(port, "POST", "/v1/businesses/import", held.length(),
                "Authorization", "Bearer " + owner.token(), "Content-Type", "text/csv")) {
            running.send("name,category,latitude,longitude\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> slots.runningFor(Long.parseLong(owner.id())) == 1);
            Page refused = page.postBody(UPLOAD, "text/csv", BackgroundImportIntegrationTests.csv("Second", 3),
                    "X-CSRF-TOKEN", csrfToken(page), "Accept", "application/json");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("10");
            assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("import(s) at a time");
            running.send(held.substring("name,category,latitude,longitude\n".length()));
            assertThat(running.reply().status()).isEqualTo(200);
        }
        Page notCsv = page.postBody(UPLOAD, "application/json", "{}", "X-CSRF-TOKEN", csrfToken(page));
        assertThat(notCsv.status()).isEqualTo(415);
        assertThat(names(owner)).isEqualTo(3);
    }

    private static String csrfToken(PageClient client) {
        return client.fieldsOf(client.get(UPLOAD), "form.import-form").get("_csrf");
    }

    private PageClient signedIn(Owner who) {
        PageClient client = new PageClient(port);
        Page signedIn = client.submit(client.get("/signin"), "form[action$=/signin]",
                Map.of("email", who.email(), "password", who.password()));
        assertThat(signedIn.header("Location")).endsWith("/owner/businesses");
        return client;
    }

    private long names(Owner who) {
        return jdbc.queryForObject("SELECT count(*) FROM business WHERE owner_id = ?", Long.class,
                Long.parseLong(who.id()));
    }
}
