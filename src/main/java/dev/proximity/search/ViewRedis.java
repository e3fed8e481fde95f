package dev.proximity.search;

import java.time.Duration;

import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.clients.jedis.JedisPoolConfig;

/**
 * The connection to the search view's own Redis ({@link ViewRedisProperties}), with the timeouts and pool size
 * of {@code spring.data.redis}. Not a {@code RedisConnectionFactory} bean: Boot would then configure no
 * connection of its own for the rest of the app.
 */
final class ViewRedis implements AutoCloseable {

    private final JedisConnectionFactory connections;
    private final StringRedisTemplate template;

    ViewRedis(ViewRedisProperties view, RedisProperties shared) {
        String path = view.url().getPath();
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(view.url().getHost(),
                view.url().getPort() > 0 ? view.url().getPort() : 6379);
        if (path != null && path.length() > 1) {
            server.setDatabase(Integer.parseInt(path.substring(1)));
        }
        if (view.username() != null && !view.username().isBlank()) {
            server.setUsername(view.username());
        }
        if (view.password() != null && !view.password().isEmpty()) {
            server.setPassword(RedisPassword.of(view.password()));
        }
        Duration timeout = shared.getTimeout() == null ? Duration.ofMillis(200) : shared.getTimeout();
        Duration connectTimeout = shared.getConnectTimeout() == null ? timeout : shared.getConnectTimeout();
        RedisProperties.Pool sharedPool = shared.getJedis().getPool();
        JedisPoolConfig pool = new JedisPoolConfig();
        pool.setMaxTotal(sharedPool.getMaxActive());
        pool.setMaxIdle(sharedPool.getMaxIdle());
        pool.setMinIdle(sharedPool.getMinIdle());
        if (sharedPool.getMaxWait() != null) {
            pool.setMaxWait(sharedPool.getMaxWait());
        }
        pool.setJmxEnabled(false);
        JedisClientConfiguration.JedisClientConfigurationBuilder client = JedisClientConfiguration.builder()
                .connectTimeout(connectTimeout)
                .readTimeout(timeout);
        if ("rediss".equalsIgnoreCase(view.url().getScheme())) {
            client.useSsl();
        }
        this.connections = new JedisConnectionFactory(server, client.usePooling().poolConfig(pool).build());
        this.connections.afterPropertiesSet();
        this.connections.start();
        this.template = new StringRedisTemplate(connections);
    }

    StringRedisTemplate template() {
        return template;
    }

    @Override
    public void close() {
        connections.destroy();
    }
}
