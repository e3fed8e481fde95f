package dev.proximity.search;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.proximity.system.RedisTopology;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import redis.clients.jedis.HostAndPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The view's Redis is named as {@code spring.data.redis} names it: Sentinel over Cluster over one server. */
class ViewRedisPropertiesTests {

    static final ViewRedisProperties.Cluster CLUSTER =
            new ViewRedisProperties.Cluster(List.of("10.0.0.1:7000", "10.0.0.2:7001"));
    static final ViewRedisProperties.Sentinel SENTINEL =
            new ViewRedisProperties.Sentinel("view", List.of("10.0.1.1:26379"), "watcher", "s3cret");

    @Test
    void nothingSetSharesTheStateRedis() {
        assertThat(new ViewRedisProperties(null, null, null, null, null, null).configured()).isFalse();
        assertThat(new ViewRedisProperties(null, null, null, new ViewRedisProperties.Cluster(List.of()),
                new ViewRedisProperties.Sentinel(null, List.of(), null, null), null).configured()).isFalse();
    }

    @Test
    void aUrlIsOneServerWithItsDatabase() {
        ViewRedisProperties view = new ViewRedisProperties(URI.create("redis://redis-view:6380/2"), "proximity",
                "pw", null, null, null);
        RedisTopology topology = view.topology();

        assertThat(view.configured()).isTrue();
        assertThat(topology.cluster()).isFalse();
        assertThat(topology.sentinel()).isFalse();
        assertThat(topology.nodes()).containsExactly(new HostAndPort("redis-view", 6380));
        RedisStandaloneConfiguration spring = (RedisStandaloneConfiguration) topology.springConfiguration();
        assertThat(spring.getDatabase()).isEqualTo(2);
        assertThat(spring.getUsername()).isEqualTo("proximity");
    }

    @Test
    void clusterNodesWinOverTheUrlAndKeepItsTls() {
        ViewRedisProperties view = new ViewRedisProperties(URI.create("rediss://ignored:6379"), null, "pw",
                CLUSTER, null, null);
        RedisTopology topology = view.topology();

        assertThat(view.configured()).isTrue();
        assertThat(topology.cluster()).isTrue();
        assertThat(topology.ssl()).isTrue();
        assertThat(topology.nodes()).containsExactly(new HostAndPort("10.0.0.1", 7000),
                new HostAndPort("10.0.0.2", 7001));
        RedisClusterConfiguration spring = (RedisClusterConfiguration) topology.springConfiguration();
        assertThat(spring.getClusterNodes()).hasSize(2);
        assertThat(spring.getMaxRedirects()).isEqualTo(RedisTopology.CLUSTER_ATTEMPTS);
        // every seed node in turn holds the wake-up subscription
        assertThat(topology.subscriptionNode(0, Duration.ofMillis(100))).isEqualTo(topology.nodes().get(0));
        assertThat(topology.subscriptionNode(3, Duration.ofMillis(100))).isEqualTo(topology.nodes().get(1));
    }

    @Test
    void sentinelWinsOverClusterWithItsOwnCredentials() {
        RedisTopology topology = new ViewRedisProperties(null, "proximity", "pw", CLUSTER, SENTINEL, null).topology();

        assertThat(topology.sentinel()).isTrue();
        assertThat(topology.cluster()).isFalse();
        RedisSentinelConfiguration spring = (RedisSentinelConfiguration) topology.springConfiguration();
        assertThat(spring.getMaster().getName()).isEqualTo("view");
        assertThat(spring.getSentinels()).hasSize(1);
        assertThat(spring.getUsername()).isEqualTo("proximity");
        assertThat(spring.getSentinelUsername()).isEqualTo("watcher");
        assertThat(new String(spring.getSentinelPassword().get())).isEqualTo("s3cret");
    }
}
