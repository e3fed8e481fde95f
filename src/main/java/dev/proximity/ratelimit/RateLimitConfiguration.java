package dev.proximity.ratelimit;

import java.time.Duration;

import javax.crypto.SecretKey;

import dev.proximity.system.ClientAddress;
import dev.proximity.system.WarmupRequests;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * Bucket4j needs a plain Jedis pool (Spring Data's is not exposed); it gets the same server and the same short
 * timeouts as the rest of the app, and waits at most that long for a free connection. Buckets refill by the
 * system clock unless a {@link TimeMeter} bean says otherwise (tests stop time with one).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    static final String CIRCUIT_BREAKER = "redis";
    /** Bucket keys outlive a full refill a little, then Redis drops them: idle clients cost nothing. */
    private static final Duration KEY_SLACK = Duration.ofSeconds(5);

    @Bean(destroyMethod = "close")
    JedisPool rateLimitRedisPool(RedisConnectionDetails details, RedisProperties redis) {
        Duration timeout = redis.getTimeout() == null ? Duration.ofMillis(200) : redis.getTimeout();
        Duration connectTimeout = redis.getConnectTimeout() == null ? timeout : redis.getConnectTimeout();
        RedisConnectionDetails.Standalone standalone = details.getStandalone();
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) connectTimeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .user(details.getUsername())
                .password(details.getPassword())
                .database(standalone.getDatabase())
                .ssl(redis.getSsl().isEnabled())
                .clientName("proximity-rate-limit")
                .build();
        JedisPoolConfig pool = new JedisPoolConfig();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMinIdle(0);
        pool.setMaxWait(timeout);
        pool.setJmxEnabled(false);
        return new JedisPool(pool, new HostAndPort(standalone.getHost(), standalone.getPort()), client);
    }

    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties, JedisPool rateLimitRedisPool,
            SecretKey tokenSigningKey, CircuitBreakerRegistry circuitBreakers, ObjectProvider<TimeMeter> clock) {
        ProxyManager<String> buckets = Bucket4jJedis.casBasedBuilder(rateLimitRedisPool)
                .clientClock(clock.getIfAvailable(() -> TimeMeter.SYSTEM_MILLISECONDS))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_SLACK))
                .keyMapper(Mapper.STRING)
                .build();
        // After Redis restarts every pooled connection is dead: drop them all at the first failure, not one by one.
        return new RateLimiter(properties, buckets, new BucketKeys(tokenSigningKey),
                circuitBreakers.circuitBreaker(CIRCUIT_BREAKER), rateLimitRedisPool::clear);
    }

    @Bean
    RateLimitInterceptor rateLimitInterceptor(RateLimiter rateLimiter, ClientAddress clientAddress,
            WarmupRequests warmup) {
        return new RateLimitInterceptor(rateLimiter, clientAddress, warmup);
    }
}
