package dev.proximity.search;

import java.util.List;
import java.util.stream.Collectors;

import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.EmbeddedServersOnly;
import dev.proximity.support.RedisProcesses;
import dev.proximity.support.RedisProcesses.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import java.time.Duration;

/**
 * Both Redis roles on a primary and a replica watched by three sentinels on loopback ({@code down-after} 1 s,
 * quorum two, a password on the data nodes), two app instances on them, and the primary killed while writes and searches go on: the same
 * guarantees as {@link RedisClusterFailoverTests}, with the clients following the primary Sentinel promotes.
 */
@ApiIntegrationTest
@EmbeddedServersOnly("starts a second instance on the first one's PostgreSQL and brings its own Redis servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSentinelFailoverTests {

    static final String MASTER = "px";
    /** The primary and replica require it (of the apps, of each other and of the sentinels). */
    static final String PASSWORD = "sentinel-" + Long.toHexString(System.nanoTime());

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    RedisProcesses redis;
    Node primary;
    Node replica;
    RedisFailoverScenario scenario;

    @BeforeAll
    void startSentinelsAndInstances() throws Exception {
        redis = new RedisProcesses("redis-sentinel", PASSWORD); // the data nodes' (the sentinels have none)
        List<Node> pair = redis.startPrimaryAndReplica();
        primary = pair.get(0);
        replica = pair.get(1);
        String sentinels = redis.startSentinels(MASTER, primary).stream().map(Node::hostPort)
                .collect(Collectors.joining(","));
        scenario = new RedisFailoverScenario(servers, List.of(
                "--spring.data.redis.sentinel.master=" + MASTER,
                "--spring.data.redis.sentinel.nodes=" + sentinels,
                "--spring.data.redis.password=" + PASSWORD,
                "--proximity.search.view-redis.sentinel.master=" + MASTER,
                "--proximity.search.view-redis.sentinel.nodes=" + sentinels,
                "--proximity.search.view-redis.password=" + PASSWORD));
    }

    @AfterAll
    void stopEverything() {
        if (scenario != null) {
            scenario.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void thePrimaryKilledWhileWritesAndSearchesGoOn() throws Exception {
        Owner owner = new ApiClient(port).newOwner();
        SearchOracle oracle = new SearchOracle("sentinel_" + Long.toHexString(System.nanoTime()));
        String session = scenario.signInOnOneInstance(owner);

        RedisFailoverScenario.Outcome outcome = scenario.run(oracle, owner, () -> redis.kill(primary));

        outcome.assertGuarantees();
        scenario.assertQuietAnswers(oracle);
        scenario.assertSignedInOnBoth(session);
        // the replica was promoted and holds everything: the view (back in use), objects, sessions, buckets
        try (Jedis promoted = replica.connect()) {
            assertThat(promoted.info("replication")).contains("role:master");
            // (after a rebuild if the replica had lost writes of the view: "busy" meanwhile)
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(promoted.get(new ViewPartitions(1).marker(0))).contains(" ready "));
            assertThat(promoted.keys("px:v1:rl:*")).isNotEmpty();
            assertThat(promoted.keys("px:v1:session:*")).isNotEmpty();
            assertThat(promoted.keys("px:v1:biz:*")).isNotEmpty();
        }
    }
}
