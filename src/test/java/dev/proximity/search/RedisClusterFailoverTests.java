package dev.proximity.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
 * Both Redis roles on a Redis Cluster of six {@code redis-server} processes on loopback (three primaries, a replica
 * each, {@code cluster-node-timeout} 1 s), two app instances on it, and the primary of the search view's slot
 * killed while writes and searches go on: searches keep answering (from memory while the view is away), writes
 * keep being accepted, every change is on both instances within 2 s, and once quiet every answer is the oracle's.
 */
@ApiIntegrationTest
@EmbeddedServersOnly("starts a second instance on the first one's PostgreSQL and brings its own Redis servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterFailoverTests {

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    RedisProcesses redis;
    List<Node> nodes;
    RedisFailoverScenario scenario;

    @BeforeAll
    void startClusterAndInstances() throws Exception {
        redis = new RedisProcesses("redis-cluster");
        nodes = redis.startCluster();
        String seeds = nodes.stream().map(Node::hostPort).collect(Collectors.joining(","));
        scenario = new RedisFailoverScenario(servers, List.of(
                "--spring.data.redis.cluster.nodes=" + seeds,
                "--spring.data.redis.cluster.max-redirects=3", // as docs/operations.md recommends
                "--proximity.search.view-redis.cluster.nodes=" + seeds));
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
    void aPrimaryKilledWhileWritesAndSearchesGoOn() throws Exception {
        Owner owner = new ApiClient(port).newOwner();
        SearchOracle oracle = new SearchOracle("cluster_" + Long.toHexString(System.nanoTime()));
        String session = scenario.signInOnOneInstance(owner);
        Node viewPrimary = redis.clusterPrimaryOf(nodes, RedisView.MARKER);

        RedisFailoverScenario.Outcome outcome = scenario.run(oracle, owner, () -> redis.kill(viewPrimary));

        outcome.assertGuarantees();
        scenario.assertQuietAnswers(oracle);
        scenario.assertSignedInOnBoth(session);
        // (read-your-writes markers live 5 s only, and are single keys like these)
        assertThat(keyKindsOnTheCluster()).as("every Redis use is on the cluster")
                .contains("px:v1:{view}", "px:v1:biz", "px:v1:rl", "px:v1:session");
        // the view is back in use: its marker is ready on the new primary of its slot (after a rebuild if the
        // promoted replica had lost writes of the view: "busy" meanwhile)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Jedis primary = redis.clusterPrimaryOf(nodes, RedisView.MARKER).connect()) {
                assertThat(primary.get(RedisView.MARKER)).contains(" ready ");
            }
        });
    }

    /** The key prefixes (up to the third colon) found on the live primaries. */
    private Set<String> keyKindsOnTheCluster() {
        Set<String> kinds = new TreeSet<>();
        for (Node node : nodes) {
            if (!node.process().isAlive()) {
                continue;
            }
            try (Jedis jedis = node.connect()) {
                if (!jedis.info("replication").contains("role:master")) {
                    continue;
                }
                for (String key : new ArrayList<>(jedis.keys("px:*"))) {
                    String[] parts = key.split(":");
                    kinds.add(parts[0] + ":" + parts[1] + ":" + parts[2]);
                }
            }
        }
        return kinds;
    }
}
