package dev.proximity.ratelimit;

import java.time.Duration;

import javax.crypto.SecretKey;

import dev.proximity.system.ClientAddress;
import dev.proximity.system.RedisTopology;
import dev.proximity.system.WarmupRequests;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.Connection;
import redis.clients.jedis.UnifiedJedis;

/**
 * Bucket4j needs a plain Jedis client (Spring Data's is not exposed); it gets the same server, cluster or
 * Sentinel primary ({@link RedisTopology}) and the same short timeouts as the rest of the app, and waits at most
 * that long for a free connection. One bucket is one key, so its compare-and-swap script never spans hash slots.
 * Buckets refill by the system clock unless a {@link TimeMeter} bean says otherwise (tests stop time with one).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    static final String CIRCUIT_BREAKER = "redis";
    /** Bucket keys outlive a full refill a little, then Redis drops them: idle clients cost nothing. */
    private static final Duration KEY_SLACK = Duration.ofSeconds(5);

    @Bean(destroyMethod = "close")
    UnifiedJedis rateLimitRedis(RedisConnectionDetails details, RedisProperties redis) {
        Duration timeout = redis.getTimeout() == null ? Duration.ofMillis(200) : redis.getTimeout();
        Duration connectTimeout = redis.getConnectTimeout() == null ? timeout : redis.getConnectTimeout();
        RedisTopology topology = RedisTopology.of(details, redis.getSsl().isEnabled());
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMinIdle(0);
        pool.setMaxWait(timeout);
        pool.setJmxEnabled(false);
        // one attempt per call on a cluster: a request waits at most one timeout on a dead primary and passes (the
        // limiter fails open), rather than three while the breaker learns; the failed call renews the slot map
        return topology.unifiedJedis(topology.clientConfig("proximity-rate-limit", connectTimeout, timeout), pool,
                connectTimeout, 1);
    }

    @Bean
    RateLimiter rateLimiter(RateLimitProperties properties, UnifiedJedis rateLimitRedis,
            SecretKey tokenSigningKey, CircuitBreakerRegistry circuitBreakers, ObjectProvider<TimeMeter> clock) {
        ProxyManager<String> buckets = Bucket4jJedis.casBasedBuilder(rateLimitRedis)
                .clientClock(clock.getIfAvailable(() -> TimeMeter.SYSTEM_MILLISECONDS))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_SLACK))
                .keyMapper(Mapper.STRING)
                .build();
        // After Redis restarts every pooled connection is dead: drop them all at the first failure, not one by one.
        return new RateLimiter(properties, buckets, new BucketKeys(tokenSigningKey),
                circuitBreakers.circuitBreaker(CIRCUIT_BREAKER), () -> RedisTopology.clearIdle(rateLimitRedis));
    }

    @Bean
    RateLimitInterceptor rateLimitInterceptor(RateLimiter rateLimiter, ClientAddress clientAddress,
            WarmupRequests warmup) {
        return new RateLimitInterceptor(rateLimiter, clientAddress, warmup);
    }
}
