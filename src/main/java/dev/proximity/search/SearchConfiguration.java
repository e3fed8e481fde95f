package dev.proximity.search;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Configuration;

/** The search state bean, and the clock {@code openNow} is evaluated with (tests replace it with a fixed one). */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Other instances' business changes, one at a time in arrival order (see {@link ChangeSubscription}). */
    @Bean
    ChangeSubscription businessChangeSubscription(RedisConnectionDetails redis, RedisProperties redisProperties,
            BusinessChangeRelay relay, SearchProperties properties) {
        Duration connectTimeout = redisProperties.getConnectTimeout() != null ? redisProperties.getConnectTimeout()
                : Duration.ofSeconds(2);
        return new ChangeSubscription(redis, BusinessChangeRelay.CHANNEL, relay, connectTimeout,
                properties.subscriptionRetry());
    }

    /**
     * The search answer's writer, for the API's object mapper (Spring Boot adds every {@code Module} bean to it);
     * the OpenAPI schema is still derived from the {@link NearbyResult} records.
     */
    @Bean
    Module nearbyResultJson() {
        return new SimpleModule("nearby-result").addSerializer(NearbyResult.class, new NearbyResultSerializer());
    }

    /** Spring Boot puts every converter bean ahead of its own, so search answers take this one. */
    @Bean
    NearbyResultMessageConverter nearbyResultMessageConverter(ObjectMapper json) {
        return new NearbyResultMessageConverter(json);
    }

    @Bean
    SharedCells sharedCells(StringRedisTemplate redis, CircuitBreakerRegistry breakers, ObjectMapper json,
            SearchProperties properties) {
        return new SharedCells(redis, breakers.circuitBreaker("redis"), json, properties.cache().redisTtl());
    }

    @Bean
    @ConditionalOnProperty(name = "proximity.search.cache.enabled", matchIfMissing = true)
    CellCache cellCache(SearchProperties properties, SharedCells shared, BusinessRowLoader loader,
            SearchState state, CacheMetrics metrics, @Value("${proximity.replica-max-lag:5s}") Duration maxLag) {
        return new CellCache(properties.cache().localMaxBusinesses(), shared, loader, state,
                new CellKeys(properties.cache().maxS2Level()), metrics, maxLag.toMillis());
    }

    @Bean(destroyMethod = "shutdown")
    SearchState searchState(SearchProperties properties, BusinessRowLoader loader) {
        return new SearchState(properties.overlayMaxEntries(), properties.overlayMaxAge(),
                new Dictionary<>(loader::parseSchedule));
    }
}
