package dev.proximity.datasource;

import dev.proximity.support.EmbeddedServersOnly;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.proximity.embedded.EmbeddedReplica;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.ApiIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static dev.proximity.datasource.ServerStatements.BUSINESSES_BY_OWNER;
import static dev.proximity.datasource.ServerStatements.BUSINESS_BY_ID;
import static dev.proximity.datasource.ServerStatements.BUSINESS_INSERT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing over real streaming replication: the app's embedded primary with one hot standby cloned from it
 * ({@code proximity.embedded.replicas=1}). Which server ran a statement is read from each server's own
 * {@code pg_stat_statements}, so "served by the replica" is what PostgreSQL itself counted.
 */
@ApiIntegrationTest
@TestPropertySource(properties = {
        "proximity.embedded.replicas=1",
        "proximity.embedded.postgres-settings.shared_preload_libraries=pg_stat_statements",
        "proximity.replica-check-interval=200ms",
        "proximity.replica-max-lag=2s",
        "proximity.read-your-writes-window=3s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EmbeddedServersOnly("runs streaming replicas of its primary")
class ReplicaRoutingIntegrationTests {

    static final String CAFE = """
            {"name": "Cafe Replica", "category": "cafe", "latitude": 37.5664, "longitude": 126.9779}""";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("replicasHealthIndicator")
    HealthIndicator replicasHealth;

    ApiClient api;
    ApiClient operations;
    ServerStatements primary;
    ServerStatements replica;

    @BeforeAll
    void topology() {
        primary = new ServerStatements(servers.postgres().jdbcUrl());
        primary.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        replica = new ServerStatements(servers.replicas().get(0).jdbcUrl());
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.queryString(
                "SELECT extname FROM pg_extension WHERE extname = 'pg_stat_statements'") != null);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        operations = new ApiClient(managementPort);
        awaitReplicaInRotation();
    }

    @Test
    void readsHitTheReplicaAndWritesThePrimary() {
        Owner owner = api.newOwner();
        long primaryInserts = primary.calls(BUSINESS_INSERT);
        String id = create(owner, CAFE);
        assertThat(primary.calls(BUSINESS_INSERT)).isEqualTo(primaryInserts + 1);
        assertThat(replica.calls(BUSINESS_INSERT)).isZero();
        awaitOnReplica(id);

        long replicaReads = replica.calls(BUSINESS_BY_ID);
        long primaryReads = primary.calls(BUSINESS_BY_ID);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/v1/businesses/" + id).status()).isEqualTo(200);
        }
        assertThat(replica.calls(BUSINESS_BY_ID)).isEqualTo(replicaReads + 5);
        assertThat(primary.calls(BUSINESS_BY_ID)).isEqualTo(primaryReads);

        Owner reader = api.newOwner(); // signed in, but wrote nothing: no read-your-writes pinning
        long replicaListings = replica.calls(BUSINESSES_BY_OWNER);
        long primaryListings = primary.calls(BUSINESSES_BY_OWNER);
        assertThat(api.get("/v1/owners/me/businesses", reader.auth()).status()).isEqualTo(200);
        assertThat(replica.calls(BUSINESSES_BY_OWNER)).isEqualTo(replicaListings + 1);
        assertThat(primary.calls(BUSINESSES_BY_OWNER)).isEqualTo(primaryListings);
    }

    @Test
    void aWriteReachesTheReplicaWithinASecond() {
        Owner owner = api.newOwner();
        long start = System.nanoTime();
        String id = create(owner, CAFE);
        awaitOnReplica(id);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("Write (HTTP 201) to visible on the replica: " + took.toMillis() + " ms");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(replica.queryString("SELECT pg_is_in_recovery()::text")).isEqualTo("true");
    }

    @Test
    void aLaggingReplicaLeavesTheRotationAndComesBackWhenCaughtUp() {
        Owner owner = api.newOwner();
        String id = create(owner, CAFE);
        awaitOnReplica(id);
        replica.execute("SELECT pg_wal_replay_pause()");
        try {
            create(owner, CAFE.replace("Replica", "Lagging")); // the primary moves on, the replica does not
            await().atMost(Duration.ofSeconds(6)).until(() -> replicaState().equals("LAGGING"));
            assertThat(meters.get("proximity.replica.lag").tag("replica", "0").gauge().value())
                    .isGreaterThan(2.0);
            assertThat(meters.get("proximity.replica.in-rotation").tag("replica", "0").gauge().value()).isZero();
            assertThat(replicasHealth.health().getStatus()).isEqualTo(Status.UP); // reads fall back
            assertThat(operations.get("/actuator/health/readiness").status()).isEqualTo(200);

            long replicaReads = replica.calls(BUSINESS_BY_ID);
            long primaryReads = primary.calls(BUSINESS_BY_ID);
            assertThat(api.get("/v1/businesses/" + id).status()).isEqualTo(200);
            assertThat(primary.calls(BUSINESS_BY_ID)).isEqualTo(primaryReads + 1);
            assertThat(replica.calls(BUSINESS_BY_ID)).isEqualTo(replicaReads);
        } finally {
            replica.execute("SELECT pg_wal_replay_resume()");
        }
        awaitReplicaInRotation();
        assertThat(meters.get("proximity.replica.lag").tag("replica", "0").gauge().value()).isLessThan(2.0);
        long replicaReads = replica.calls(BUSINESS_BY_ID);
        assertThat(api.get("/v1/businesses/" + id).status()).isEqualTo(200);
        assertThat(replica.calls(BUSINESS_BY_ID)).isEqualTo(replicaReads + 1);
    }

    @Test
    void searchFindsANewBusinessAtOnceWhileTheReplicaLags() {
        Owner owner = api.newOwner();
        replica.execute("SELECT pg_wal_replay_pause()");
        try {
            String id = create(owner, CAFE.replace("\"cafe\"", "\"replica_lag_probe\""));
            assertThat(replica.queryString("SELECT id::text FROM business WHERE id = ?", Long.parseLong(id)))
                    .as("the paused replica has not replayed the insert").isNull();
            for (String index : List.of("geohash", "quadtree", "s2")) {
                Response found = api.get("/v1/search/nearby?latitude=37.5664&longitude=126.9779&radius=50"
                        + "&category=replica_lag_probe&index=" + index);
                assertThat(found.status()).as(found.body()).isEqualTo(200);
                assertThat(found.json().get("businesses").findValuesAsText("id")).as(index).containsExactly(id);
            }
        } finally {
            replica.execute("SELECT pg_wal_replay_resume()");
        }
        awaitReplicaInRotation();
    }

    @Test
    void anOwnerReadsTheirOwnWriteWhileTheReplicaLags() {
        Owner owner = api.newOwner();
        String id = create(owner, CAFE);
        awaitOnReplica(id);
        replica.execute("SELECT pg_wal_replay_pause()");
        try {
            Response replaced = api.putJson("/v1/businesses/" + id, CAFE.replace("Replica", "Renamed"),
                    owner.auth("If-Match", "\"0\""));
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);

            Response own = api.get("/v1/businesses/" + id, owner.auth());
            assertThat(own.json().get("name").asText()).isEqualTo("Cafe Renamed");
            assertThat(own.header("ETag")).isEqualTo("\"1\"");
            assertThat(api.get("/v1/owners/me/businesses", owner.auth()).json().get("businesses").get(0)
                    .get("version").asLong()).isEqualTo(1);

            // Anyone else may be served by the (paused, still in-rotation) replica: stale by at most the lag limit.
            long replicaReads = replica.calls(BUSINESS_BY_ID);
            Response anonymous = api.get("/v1/businesses/" + id);
            assertThat(replica.calls(BUSINESS_BY_ID)).isEqualTo(replicaReads + 1);
            assertThat(anonymous.json().get("name").asText()).isEqualTo("Cafe Replica");
            assertThat(anonymous.header("ETag")).isEqualTo("\"0\"");
        } finally {
            replica.execute("SELECT pg_wal_replay_resume()");
        }
        awaitReplicaInRotation();
        // once the window has passed, the owner's reads are the replica's again
        await().atMost(Duration.ofSeconds(6)).until(() -> {
            long before = replica.calls(BUSINESS_BY_ID);
            api.get("/v1/businesses/" + id, owner.auth());
            return replica.calls(BUSINESS_BY_ID) == before + 1;
        });
    }

    @Test
    void theReadYourWritesMarkerIsSharedThroughRedis() {
        Owner owner = api.newOwner();
        create(owner, CAFE);
        String ttl = redisTtl(owner.id());
        assertThat(Long.parseLong(ttl)).isBetween(1L, 3000L);
    }

    @Test
    void aKilledReplicaLeavesReadsWorkingOnThePrimary() {
        Owner owner = api.newOwner();
        String id = create(owner, CAFE);
        awaitOnReplica(id);
        EmbeddedReplica standby = servers.replicas().get(0);
        standby.kill();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> replicaState().equals("DOWN"));
            assertThat(meters.get("proximity.replica.lag").tag("replica", "0").gauge().value()).isNaN();
            assertThat(operations.get("/actuator/health/readiness").status()).isEqualTo(200);
            long primaryReads = primary.calls(BUSINESS_BY_ID);
            for (int i = 0; i < 3; i++) {
                Response read = api.get("/v1/businesses/" + id);
                assertThat(read.status()).as(read.body()).isEqualTo(200);
            }
            assertThat(primary.calls(BUSINESS_BY_ID)).isEqualTo(primaryReads + 3);
        } finally {
            standby.restart();
        }
        awaitReplicaInRotation();
    }

    @Test
    void healthAndMetricsNameReplicasByIndexOnly() {
        Health health = replicasHealth.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("readsFrom", "replicas").containsEntry("primary", "UP");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> each = (List<Map<String, Object>>) health.getDetails().get("replicas");
        assertThat(each).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("index", 0).containsEntry("state", "UP").containsEntry("inRotation", true);
            assertThat((Long) r.get("lagMillis")).isBetween(0L, 2000L);
        });
        String prometheus = operations.get("/actuator/prometheus").body();
        assertThat(prometheus).contains("proximity_replica_lag_seconds{", "replica=\"0\"")
                .doesNotContain("jdbc:postgresql");
    }

    private String create(Owner owner, String body) {
        Response created = api.postJson("/v1/businesses", body, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void awaitOnReplica(String id) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> replica.queryString(
                "SELECT id::text FROM business WHERE id = ?", Long.parseLong(id)) != null);
    }

    private void awaitReplicaInRotation() {
        await().atMost(Duration.ofSeconds(30)).until(() -> replicaState().equals("UP"));
    }

    @SuppressWarnings("unchecked")
    private String replicaState() {
        List<Map<String, Object>> each = (List<Map<String, Object>>) replicasHealth.health().getDetails()
                .get("replicas");
        return (String) each.get(0).get("state");
    }

    private String redisTtl(String ownerId) {
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", servers.redis().port())) {
            return Long.toString(jedis.pttl(RecentWriters.KEY_PREFIX + ownerId));
        }
    }
}
