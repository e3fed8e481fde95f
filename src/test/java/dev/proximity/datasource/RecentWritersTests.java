package dev.proximity.datasource;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Redis-down half of read-your-writes (the Redis-up half runs end to end in ReplicaRoutingIntegrationTests). */
class RecentWritersTests {

    @Test
    void withRedisUnreachableThisInstanceStillRemembersItsWritersForTheWindow() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once closed
        }
        JedisConnectionFactory factory = new JedisConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", closedPort),
                JedisClientConfiguration.builder().connectTimeout(Duration.ofMillis(200))
                        .readTimeout(Duration.ofMillis(200)).build());
        factory.afterPropertiesSet();
        factory.start();
        try {
            RecentWriters writers = new RecentWriters(new StringRedisTemplate(factory), Duration.ofMillis(500));
            writers.markWrote(42);
            assertThat(writers.wroteRecently(42)).isTrue();
            assertThat(writers.wroteRecently(43)).isFalse();
            long start = System.nanoTime();
            assertThat(writers.wroteRecently(44)).isFalse(); // Redis is skipped after a failure: no timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(2)).until(() -> !writers.wroteRecently(42));
        } finally {
            factory.destroy();
        }
    }
}
