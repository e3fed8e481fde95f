package dev.proximity.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * each, {@code cluster-node-timeout} 1 s; the apps log in as the deployment's user with the rules of
 * {@code deploy/redis/proximity.acl}), two app instances on it, and a primary killed while writes and searches go
 * on: searches keep answering (from memory while the view is away), writes keep being accepted, every change is on
 * both instances within 2 s, and once quiet every answer is the oracle's. The view is split in its default
 * {@value ViewPartitions#CLUSTER_DEFAULT} partitions, spread over all three primaries: the one killed holds five or
 * six of them, and the others keep being written meanwhile.
 */
@ApiIntegrationTest
@EmbeddedServersOnly("starts a second instance on the first one's PostgreSQL and brings its own Redis servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterFailoverTests {

    /** The default user's: the nodes require it of each other (replication) and of the test's own connections. */
    static final String PASSWORD = "cluster-" + Long.toHexString(System.nanoTime());
    /** The app's user on every node, with the deployment's ACL rules: every client of both roles must log in so. */
    static final String APP_USER = "proximity";
    static final String APP_PASSWORD = "app-" + Long.toHexString(System.nanoTime());

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    RedisProcesses redis;
    List<Node> nodes;
    RedisFailoverScenario scenario;

    @BeforeAll
    void startClusterAndInstances() throws Exception {
        // the app connects as the deployment's user, with deploy/redis/proximity.acl's rules (the default user,
        // with another password, is the cluster's own: replication and redis-cli)
        String rules = Files.readAllLines(Path.of("deploy/redis/proximity.acl")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).collect(Collectors.joining(" "));
        redis = new RedisProcesses("redis-cluster", PASSWORD,
                new RedisProcesses.AppUser(APP_USER, APP_PASSWORD, rules));
        nodes = redis.startCluster();
        String seeds = nodes.stream().map(Node::hostPort).collect(Collectors.joining(","));
        scenario = new RedisFailoverScenario(servers, List.of(
                "--spring.data.redis.cluster.nodes=" + seeds,
                "--spring.data.redis.cluster.max-redirects=3", // as docs/operations.md recommends
                "--spring.data.redis.username=" + APP_USER,
                "--spring.data.redis.password=" + APP_PASSWORD,
                "--proximity.search.view-redis.cluster.nodes=" + seeds,
                "--proximity.search.view-redis.username=" + APP_USER,
                "--proximity.search.view-redis.password=" + APP_PASSWORD));
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
        ViewPartitions partitions = ViewPartitions.of(null, true);
        // the primary of the single view's old slot ({view}), as before the view was split, so that the figures
        // compare; it holds five or six partitions now (killing the primary of slot 0 instead also slows searches
        // through the state Redis's retries until its breaker opens, whichever layout the view has)
        Node viewPrimary = redis.clusterPrimaryOf(nodes, new ViewPartitions(1).marker(0));

        RedisFailoverScenario.Outcome outcome = scenario.run(oracle, owner, () -> redis.kill(viewPrimary));

        outcome.assertGuarantees();
        scenario.assertQuietAnswers(oracle);
        scenario.assertSignedInOnBoth(session);
        // (read-your-writes markers live 5 s only, and are single keys like these)
        assertThat(keyKindsOnTheCluster()).as("every Redis use is on the cluster")
                .contains("px:v1:{view}", "px:v1:biz", "px:v1:rl", "px:v1:session");
        // the view is back in use: every partition's marker is ready on the primary of its slot (after a rebuild if
        // the promoted replica had lost writes of the view: "busy" meanwhile)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int k = 0; k < partitions.count(); k++) {
                try (Jedis primary = redis.clusterPrimaryOf(nodes, partitions.marker(k)).connect()) {
                    assertThat(primary.get(partitions.marker(k))).as("partition %d", k).contains(" ready ");
                }
            }
        });
        // and it is spread: every primary holds the whole sets (sentinel included) of five or six partitions
        Map<Integer, Integer> partitionsPerPrimary = wholePartitionsPerPrimary(partitions);
        assertThat(partitionsPerPrimary).hasSize(3);
        assertThat(partitionsPerPrimary.values()).allSatisfy(n -> assertThat(n).isBetween(5, 6));
        assertThat(partitionsPerPrimary.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(partitions.count());
    }

    /** Partitions whose marker and both sets (with their sentinels) are on a live primary, per primary (by port). */
    private Map<Integer, Integer> wholePartitionsPerPrimary(ViewPartitions partitions) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int k = 0; k < partitions.count(); k++) {
            Node primary = redis.clusterPrimaryOf(nodes, partitions.marker(k));
            try (Jedis jedis = primary.connect()) {
                String viewId = jedis.get(partitions.marker(k)).split(" ")[0];
                if (jedis.zscore(partitions.set(k, viewId, IndexType.S2), "") != null
                        && jedis.zscore(partitions.set(k, viewId, IndexType.GEOHASH), "") != null) {
                    counts.merge(primary.port(), 1, Integer::sum);
                }
            }
        }
        return counts;
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
                    // the view's partitions ({view.<k>.<n>}) as one kind
                    kinds.add(parts[0] + ":" + parts[1] + ":" + parts[2].replaceFirst("^\\{view\\..*}$", "{view}"));
                }
            }
        }
        return kinds;
    }
}
