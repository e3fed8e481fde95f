package dev.proximity.account;

import dev.proximity.support.EmbeddedServersOnly;
import java.time.Duration;
import java.util.Map;

import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Redis down, only the owner pages (the one user of the session store) fail, with a clear 503; search,
 * the API and the error pages keep answering. Its own context (with the cookie forced {@code Secure}, as
 * behind HTTPS), because stopping Redis must not disturb the shared one.
 */
@ApiIntegrationTest
@TestPropertySource(properties = "server.servlet.session.cookie.secure=true")
@EmbeddedServersOnly("stops and restarts its Redis")
class OwnerPagesRedisOutageTests {

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    SessionRepository<?> sessions;

    @Test
    void sessionStoreCallsAreRetriedThroughShortStalls() {
        assertThat(sessions).isInstanceOf(ResilientSessionRepository.class);
    }

    @Test
    void ownerPagesAnswer503WhileTheMapAndTheApiKeepWorking() {
        ApiClient api = new ApiClient(port);
        ApiClient.Owner owner = api.newOwner();
        PageClient browser = new PageClient(port);
        Page signIn = browser.get("/signin");
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.header("Set-Cookie")).startsWith("SESSION=").contains("Secure").contains("HttpOnly")
                .contains("SameSite=Lax");

        servers.redis().stop();
        try {
            Page down = browser.get("/signin");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.header("Retry-After")).as("as every other 503 for an unreachable store").isEqualTo("5");
            assertThat(down.header("Content-Type")).startsWith("text/html");
            assertThat(down.body()).contains("Temporarily unavailable").doesNotContain("Exception");
            assertThat(browser.get("/owner/businesses").status()).isEqualTo(503);

            assertThat(api.get("/v1/search/nearby?latitude=37.5&longitude=127&radius=1000").status()).isEqualTo(200);
            assertThat(api.postJson("/v1/businesses",
                    "{\"name\":\"Still open\",\"category\":\"cafe\",\"latitude\":37.5,\"longitude\":127.0}",
                    owner.auth()).status()).isEqualTo(201);
        } finally {
            servers.redis().restart();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(new PageClient(port).get("/signin").status()).isEqualTo(200));
        PageClient fresh = new PageClient(port);
        Page form = fresh.get("/signup");
        assertThat(form.document().select("input[name=_csrf]")).hasSize(1);
        assertThat(fresh.submit(form, "form[action$=/signup]", Map.of()).status())
                .as("over plain http the Secure cookie is not sent back, so the token has no session: refused")
                .isEqualTo(403);
    }
}
