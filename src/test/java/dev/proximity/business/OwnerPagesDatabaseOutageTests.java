package dev.proximity.business;

import dev.proximity.support.EmbeddedServersOnly;
import java.time.Duration;
import java.util.Map;

import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import dev.proximity.support.PrimaryOutageTopology;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The owner pages while the primary is stopped (a real {@code pg_ctl stop}) and its replica runs: what needs
 * the primary (saving a business, signing in) is the 503 page with {@code Retry-After}, as the API answers the
 * same write with a problem+json 503. The owner's list reads from the replica until the owner writes, then
 * from the primary for a few seconds (read-your-writes). The topology of
 * {@code PrimaryOutageIntegrationTests}, whose context this shares.
 */
@PrimaryOutageTopology
@EmbeddedServersOnly("stops and restarts its PostgreSQL primary")
class OwnerPagesDatabaseOutageTests {

    private static final String CAFE = """
            {"name": "Cafe Outage", "category": "cafe", "latitude": 37.5664, "longitude": 126.9779}""";

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    @Qualifier("replicasHealthIndicator")
    HealthIndicator replicasHealth;

    @Test
    void pagesThatNeedThePrimaryAnswerThe503PageAsTheApiAnswersProblemJson() {
        ApiClient api = new ApiClient(port);
        Owner owner = api.newOwner();
        PageClient browser = new PageClient(port);
        Page signedIn = browser.submit(browser.get("/signin"), "form[action$=/signin]",
                Map.of("email", owner.email(), "password", owner.password()));
        assertThat(signedIn.header("Location")).endsWith("/owner/businesses");
        Page form = browser.get("/owner/businesses/new");
        PageClient other = new PageClient(port);
        Page otherSignIn = other.get("/signin");
        assertThat(form.status()).isEqualTo(200);
        assertThat(otherSignIn.status()).isEqualTo(200);

        servers.postgres().stop();
        try {
            Page list = browser.get("/owner/businesses");
            assertThat(list.status()).as("an owner who has not written lately reads from the replica")
                    .isEqualTo(200);
            assertThat(list.document().select(".business-item")).isEmpty();

            Page save = browser.submit(form, "form.business-form",
                    Map.of("name", "Cafe Outage", "category", "cafe", "latitude", "37.5", "longitude", "127"));
            assertUnavailablePage(save);

            ApiClient.Response sameWrite = api.postJson("/v1/businesses", CAFE, owner.auth());
            assertProblem(sameWrite, 503, "service-unavailable");
            assertThat(sameWrite.header("Retry-After")).isEqualTo(save.header("Retry-After"));

            Page signIn = other.submit(otherSignIn, "form[action$=/signin]",
                    Map.of("email", owner.email(), "password", owner.password()));
            assertUnavailablePage(signIn);

            // after a write (even a refused one) the owner reads from the primary for a few seconds
            assertUnavailablePage(browser.get("/owner/businesses"));
        } finally {
            servers.postgres().restart();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(replicasHealth.health().getDetails()
                .get("primary")));
    }

    private static void assertUnavailablePage(Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(503);
        assertThat(page.header("Retry-After")).isEqualTo("5");
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Temporarily unavailable").doesNotContain("Exception", "SQL");
    }
}
