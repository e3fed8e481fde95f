package dev.proximity.datasource;

import dev.proximity.support.EmbeddedServersOnly;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariDataSource;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.PrimaryOutageTopology;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The primary stops (a real {@code pg_ctl stop} of the embedded primary) while its streaming replica keeps
 * running: writes are refused quickly with 503 and {@code Retry-After}, reads go on from the replica, and
 * once the primary is back nothing acknowledged is missing and an {@code Idempotency-Key} retry creates
 * exactly one business. Its own topology, because it takes the primary away.
 */
@PrimaryOutageTopology
@EmbeddedServersOnly("stops its primary and runs streaming replicas of it")
class PrimaryOutageIntegrationTests {

    static final String CAFE = """
            {"name": "Cafe Outage", "category": "cafe", "latitude": 37.5664, "longitude": 126.9779}""";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    ReplicationMonitor monitor;

    @Autowired
    HikariDataSource primaryPool;

    @Autowired
    @Qualifier("replicasHealthIndicator")
    HealthIndicator replicasHealth;

    @Test
    void writesFailFastWithRetryAfterWhileReadsComeFromTheReplica() {
        ApiClient api = new ApiClient(port);
        Owner owner = api.newOwner();
        Response created = api.postJson("/v1/businesses", CAFE, owner.auth());
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        ServerStatements replica = new ServerStatements(servers.replicas().get(0).jdbcUrl());
        await().atMost(Duration.ofSeconds(5)).until(() -> replica.queryString(
                "SELECT version::text FROM business WHERE id = ?", Long.parseLong(id)) != null);
        assertThat(new ServerStatements(servers.postgres().jdbcUrl()).queryString("SHOW synchronous_commit"))
                .isEqualTo("on");

        // Between two probes the first write is the one to meet the outage: the monitor pauses, and the pool's
        // connections to the stopped server are gone (as it finds on its next borrow), so the write needs a new one.
        monitor.stop();
        servers.postgres().stop();
        try {
            Timed<Response> first;
            try {
                primaryPool.getHikariPoolMXBean().softEvictConnections();
                first = timed(() -> api.putJson("/v1/businesses/" + id, CAFE, owner.auth()));
            } finally {
                monitor.start();
            }
            // one wait of the pool (spring.datasource.hikari.connection-timeout) in which it could not connect
            System.out.println("First write after the primary stopped: 503 in " + first.took().toMillis() + " ms");
            assertUnavailable(first.value());
            assertThat(first.took()).isLessThan(Duration.ofSeconds(2));

            await().atMost(Duration.ofSeconds(5)).until(() -> "DOWN".equals(details().get("primary")));
            Timed<Response> put = timed(() -> api.putJson("/v1/businesses/" + id, CAFE, owner.auth()));
            Timed<Response> post = timed(() -> api.postJson("/v1/businesses", CAFE,
                    owner.auth("Idempotency-Key", "retry-me")));
            Timed<Response> delete = timed(() -> api.delete("/v1/businesses/" + id, owner.auth()));
            for (Timed<Response> write : List.of(put, post, delete)) {
                assertUnavailable(write.value());
                assertThat(write.took()).isLessThan(Duration.ofSeconds(2));
            }
            System.out.println("Writes once the outage is known: 503 in " + put.took().toMillis() + ", "
                    + post.took().toMillis() + ", " + delete.took().toMillis() + " ms");

            Timed<Response> read = timed(() -> api.get("/v1/businesses/" + id)); // anonymous: the replica
            assertThat(read.value().status()).isEqualTo(200);
            assertThat(read.value().json().get("name").asText()).isEqualTo("Cafe Outage");
            System.out.println("Read during the outage: 200 in " + read.took().toMillis() + " ms");
            assertThat(details().get("readsFrom")).isEqualTo("replicas");
            ApiClient operations = new ApiClient(managementPort);
            assertThat(operations.get("/actuator/health/readiness").status()).isEqualTo(200);
            assertThat(operations.get("/actuator/health").status()).isEqualTo(503); // db (the primary) is DOWN
        } finally {
            servers.postgres().restart();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(details().get("primary")));
        // writes resume once the pool has reconnected (during an outage Hikari retries at most every 5 s)
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> api.newOwner() != null);
        Response retried = api.postJson("/v1/businesses", CAFE, owner.auth("Idempotency-Key", "retry-me"));
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("false");
        Response again = api.postJson("/v1/businesses", CAFE, owner.auth("Idempotency-Key", "retry-me"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(retried.json().get("id"));

        Response listing = api.get("/v1/owners/me/businesses", owner.auth());
        assertThat(listing.json().get("businesses")).hasSize(2); // the acknowledged one and the retried one
        Response kept = api.get("/v1/businesses/" + id, owner.auth());
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.header("ETag")).isEqualTo("\"0\""); // no refused write slipped through
    }

    private static void assertUnavailable(Response response) {
        assertProblem(response, 503, "service-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("5");
    }

    private Map<String, Object> details() {
        return replicasHealth.health().getDetails();
    }

    private static <T> Timed<T> timed(Supplier<T> call) {
        long start = System.nanoTime();
        T value = call.get();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }

    record Timed<T>(T value, Duration took) {
    }
}
