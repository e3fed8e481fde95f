package dev.proximity.search;

import java.time.Duration;

import dev.proximity.system.RedisTopology;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.clients.jedis.JedisPoolConfig;

/**
 * The connection to the search view's own Redis ({@link ViewRedisProperties}: one server, a cluster or a
 * Sentinel primary), with the timeouts and pool size of {@code spring.data.redis}. Not a
 * {@code RedisConnectionFactory} bean: Boot would then configure no connection of its own for the rest of the app.
 */
final class ViewRedis implements AutoCloseable {

    private final JedisConnectionFactory connections;
    private final StringRedisTemplate template;
    private final boolean cluster;

    ViewRedis(ViewRedisProperties view, RedisProperties shared) {
        RedisTopology topology = view.topology();
        this.cluster = topology.cluster();
        Duration timeout = shared.getTimeout() == null ? Duration.ofMillis(200) : shared.getTimeout();
        Duration connectTimeout = shared.getConnectTimeout() == null ? timeout : shared.getConnectTimeout();
        RedisProperties.Pool sharedPool = shared.getJedis().getPool();
        JedisPoolConfig pool = new JedisPoolConfig();
        pool.setMaxTotal(sharedPool.getMaxActive());
        pool.setMaxIdle(sharedPool.getMaxIdle());
        pool.setMinIdle(sharedPool.getMinIdle());
        // a search waits for a pooled connection at most one timeout (Boot's default is forever): then it reads memory
        Duration maxWait = sharedPool.getMaxWait();
        pool.setMaxWait(maxWait == null || maxWait.isNegative() ? timeout : maxWait);
        pool.setJmxEnabled(false);
        JedisClientConfiguration.JedisClientConfigurationBuilder client = JedisClientConfiguration.builder()
                .connectTimeout(connectTimeout)
                .readTimeout(timeout);
        if (topology.ssl()) {
            client.useSsl();
        }
        JedisClientConfiguration clientConfiguration = client.usePooling().poolConfig(pool).build();
        RedisConfiguration servers = topology.springConfiguration();
        if (servers instanceof RedisSentinelConfiguration sentinel) {
            this.connections = new JedisConnectionFactory(sentinel, clientConfiguration);
        } else if (servers instanceof RedisClusterConfiguration cluster) {
            this.connections = new JedisConnectionFactory(cluster, clientConfiguration);
        } else {
            this.connections = new JedisConnectionFactory((RedisStandaloneConfiguration) servers, clientConfiguration);
        }
        this.connections.afterPropertiesSet();
        this.connections.start();
        this.template = new StringRedisTemplate(connections);
    }

    StringRedisTemplate template() {
        return template;
    }

    boolean cluster() {
        return cluster;
    }

    @Override
    public void close() {
        connections.destroy();
    }
}
