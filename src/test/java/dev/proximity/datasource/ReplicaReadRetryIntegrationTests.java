package dev.proximity.datasource;

import dev.proximity.support.EmbeddedServersOnly;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.proximity.embedded.EmbeddedReplica;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.PrimaryOutageTopology;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read whose replica goes away while the read is on it is answered from the primary: the replica server is
 * really stopped ({@code pg_ctl stop}, its backends end with 57P01) while the app's query waits there, and the
 * client still gets its 200. The read is held on the replica by the standby's own locking: an ACCESS EXCLUSIVE
 * lock taken on the primary is replayed by the standby, whose queries on that table wait until it is released.
 */
@PrimaryOutageTopology
@EmbeddedServersOnly("stops a streaming replica of its primary")
class ReplicaReadRetryIntegrationTests {

    static final String CAFE = """
            {"name": "Cafe Retry", "category": "cafe", "latitude": 37.5664, "longitude": 126.9779}""";

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    @Qualifier("replicasHealthIndicator")
    HealthIndicator replicasHealth;

    @Test
    void aReadWhoseReplicaStopsMidFlightIsAnsweredByThePrimary() throws Exception {
        ApiClient api = new ApiClient(port);
        Owner owner = api.newOwner();
        Response created = api.postJson("/v1/businesses", CAFE, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        EmbeddedReplica standby = servers.replicas().get(0);
        ServerStatements replica = new ServerStatements(standby.jdbcUrl());
        await().atMost(Duration.ofSeconds(5)).until(() -> replica.queryString(
                "SELECT id::text FROM business WHERE id = ?", Long.parseLong(id)) != null);
        awaitReplicaState("UP");

        CompletableFuture<Response> read;
        boolean stopped = false;
        try (Connection primary = DriverManager.getConnection(servers.postgres().jdbcUrl(), "postgres", "")) {
            primary.setAutoCommit(false);
            try (Statement lock = primary.createStatement()) {
                lock.execute("LOCK TABLE business IN ACCESS EXCLUSIVE MODE");
            }
            // another transaction's commit flushes the WAL, the lock's record with it, for the standby to replay
            new ServerStatements(servers.postgres().jdbcUrl()).queryString("SELECT txid_current()::text");
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(replica.queryString(
                        "SELECT count(*)::text FROM pg_locks WHERE mode = 'AccessExclusiveLock'"
                                + " AND relation = 'business'::regclass")));
                read = CompletableFuture.supplyAsync(() -> api.get("/v1/businesses/" + id)); // anonymous: the replica
                await().atMost(Duration.ofSeconds(4)).until(() -> "1".equals(replica.queryString(
                        "SELECT count(*)::text FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                + " AND query ILIKE '%from business b1_0 where b1_0.id=%'")));
                assertThat(read).isNotDone();
                standby.stop(); // the waiting read's backend ends with "terminating connection" (57P01)
                stopped = true;
            } finally {
                primary.rollback(); // the retried read may take the table on the primary now
            }
            Response answer = read.get(10, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("name").asText()).isEqualTo("Cafe Retry");
        } finally {
            if (stopped) {
                standby.restart();
            }
        }
        awaitReplicaState("UP");
    }

    private void awaitReplicaState(String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> replicaState().equals(state));
    }

    @SuppressWarnings("unchecked")
    private String replicaState() {
        List<Map<String, Object>> each = (List<Map<String, Object>>) replicasHealth.health().getDetails()
                .get("replicas");
        return (String) each.get(0).get("state");
    }
}
