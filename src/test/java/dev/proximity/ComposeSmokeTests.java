package dev.proximity;

import java.io.File;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole of docker-compose.yml, built from this checkout and started with fresh secrets: a business created
 * through nginx is found by a search on each app instance asked directly, so also on the one that did not take the
 * write. Runs under {@code -Pcontainers} only (tag {@code compose}); it needs a Docker engine with the compose plugin,
 * and host port 8080 and the subnet 172.28.0.0/24 free (docs/testing.md).
 */
@Tag("compose")
@Testcontainers
class ComposeSmokeTests {

    private static final int HTTP = 8080;
    // the image is built by Maven inside Docker and each app waits for both replicas before its 120 s start period
    private static final Duration STARTUP = Duration.ofMinutes(20);
    /** The design's bound is 1 s on every instance; the rest is slack for a busy test machine. */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

    @Container
    static final ComposeContainer compose = new ComposeContainer(new File("docker-compose.yml"))
            .withLocalCompose(true)
            .withBuild(true)
            .withEnv(secrets())
            .withExposedService("nginx", HTTP, Wait.forHealthcheck().withStartupTimeout(STARTUP))
            .withExposedService("app1", HTTP, Wait.forHealthcheck().withStartupTimeout(STARTUP))
            .withExposedService("app2", HTTP, Wait.forHealthcheck().withStartupTimeout(STARTUP));

    @Test
    void aWriteThroughNginxIsFoundOnBothInstances() {
        ApiClient nginx = client("nginx");
        Owner owner = nginx.newOwner();
        String category = "compose_smoke_" + Long.toHexString(System.nanoTime());
        Response created = nginx.postJson("/v1/businesses", "{\"name\":\"Compose probe\",\"category\":\"" + category
                + "\",\"latitude\":37.5665,\"longitude\":126.9780}", owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        // nginx chose one instance for the write; whichever it was, the other must answer with it too
        for (String instance : List.of("app1", "app2")) {
            ApiClient app = client(instance);
            await().atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                Response found = app.get("/v1/search/nearby?latitude=37.5665&longitude=126.9780&radius=100&category="
                        + category);
                assertThat(found.status()).as(instance + ": " + found.body()).isEqualTo(200);
                assertThat(found.json().get("businesses").findValuesAsText("id")).as(instance).containsExactly(id);
            });
        }
    }

    private static ApiClient client(String service) {
        return new ApiClient("http://" + compose.getServiceHost(service, HTTP) + ":"
                + compose.getServicePort(service, HTTP));
    }

    /** What .env.example asks for, generated; compose prefers these to the values of a developer's own .env. */
    private static Map<String, String> secrets() {
        SecureRandom random = new SecureRandom();
        HexFormat hex = HexFormat.of();
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("POSTGRES_PASSWORD", "REPLICATION_PASSWORD", "DB_OWNER_PASSWORD",
                "DB_APP_PASSWORD", "REDIS_PASSWORD", "REDIS_VIEW_PASSWORD")) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            env.put(name, hex.formatHex(bytes));
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        env.put("PROXIMITY_SECURITY_TOKEN_SIGNING_KEY", Base64.getEncoder().encodeToString(key));
        env.put("PROXIMITY_SECURITY_TOKEN_VERIFICATION_KEYS", "");
        return env;
    }
}
