package dev.proximity.search;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.proximity.system.RedisTopology;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The search state, the change feed that keeps it fresh, the cell layers and the Redis view. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "shutdown")
    SearchState searchState(SearchProperties properties, BusinessRows rows, CellChanges changes, CellKeys keys) {
        return new SearchState(changes, keys, properties.overlayMaxEntries(), properties.overlayMaxAge(),
                new Dictionary<>(rows::parseSchedule));
    }

    @Bean
    CellKeys cellKeys(SearchProperties properties) {
        return new CellKeys(properties.cells().maxS2Level());
    }

    @Bean
    CellChanges cellChanges() {
        return new CellChanges();
    }

    @Bean
    ChangeFeed changeFeed(SearchState state, ChangeLogReader reader, BusinessRows rows, SearchProperties properties,
            ObjectProvider<RedisViewMaintainer> maintainer) {
        ChangeFeed feed = new ChangeFeed(state, reader, rows, properties.changes().pollInterval(),
                properties.changes().maxBatchEntries());
        maintainer.ifAvailable(m -> feed.afterEveryBatch(m::wake));
        return feed;
    }

    /**
     * The view on {@code spring.data.redis}, or on its own Redis ({@code proximity.search.view-redis.*}) behind
     * a circuit breaker of its own, so that one Redis failing never opens the other's breaker.
     */
    @Bean
    RedisView redisView(StringRedisTemplate redis, ObjectProvider<ViewRedis> viewRedis,
            CircuitBreakerRegistry breakers, RedisConnectionDetails shared, RedisProperties sharedProperties,
            ViewRedisProperties viewProperties) {
        ViewRedis own = viewRedis.getIfAvailable();
        if (own == null) {
            boolean cluster = RedisTopology.of(shared, sharedProperties.getSsl().isEnabled()).cluster();
            return new RedisView(redis, breakers.circuitBreaker("redis"),
                    ViewPartitions.of(viewProperties.partitions(), cluster));
        }
        return new RedisView(own.template(), breakers.circuitBreaker("redis-view",
                breakers.circuitBreaker("redis").getCircuitBreakerConfig()),
                ViewPartitions.of(viewProperties.partitions(), own.cluster()));
    }

    @Bean(destroyMethod = "close")
    @Conditional(ViewRedisConfigured.class)
    ViewRedis viewRedis(ViewRedisProperties view, RedisProperties shared) {
        return new ViewRedis(view, shared);
    }

    @Bean
    @ConditionalOnProperty(
            name = "proximity.search.cells.redis-view", matchIfMissing = true)
    RedisViewMaintainer redisViewMaintainer(RedisView view, ChangeLogReader reader, ObjectMapper json,
            SearchProperties properties, SearchState state) {
        return new RedisViewMaintainer(view, reader, json, properties.changes().maxBatchEntries(),
                () -> state.current().position);
    }

    @Bean
    CellLayers cellLayers(SearchProperties properties, CellChanges changes, RedisView view, CellKeys keys,
            MeterRegistry meters) {
        SearchProperties.Cells cells = properties.cells();
        return new CellLayers(cells.localMaxListings(), cells.localMaxAge(), changes,
                cells.redisView() ? view : null, keys, meters);
    }

    /** Wake-ups of the change feed from other instances' writes (see {@link LogWakeups}). */
    @Bean
    LogWakeups logWakeups(RedisConnectionDetails redis, RedisProperties redisProperties, ChangeFeed feed,
            SearchProperties properties) {
        Duration connectTimeout = redisProperties.getConnectTimeout() != null ? redisProperties.getConnectTimeout()
                : Duration.ofSeconds(2);
        return new LogWakeups(RedisTopology.of(redis, redisProperties.getSsl().isEnabled()), feed::wake,
                connectTimeout, properties.changes().wakeupRetry());
    }

    /** The view has a Redis of its own when {@code url}, {@code cluster.nodes} or {@code sentinel.master} is set. */
    static final class ViewRedisConfigured extends AnyNestedCondition {

        ViewRedisConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty("proximity.search.view-redis.url")
        static final class Url {
        }

        @ConditionalOnProperty("proximity.search.view-redis.cluster.nodes")
        static final class ClusterNodes {
        }

        @ConditionalOnProperty("proximity.search.view-redis.sentinel.master")
        static final class SentinelMaster {
        }
    }

    /**
     * The search answer's writer, for the API's object mapper (Spring Boot adds every {@code Module} bean to it);
     * the OpenAPI schema is still derived from the {@link NearbyResult} records.
     */
    @Bean
    Module nearbyResultJson() {
        return new SimpleModule("nearby-result").addSerializer(NearbyResult.class, new NearbyResultSerializer())
                .addSerializer(NearestResult.class, new NearestResultSerializer());
    }

    /** Spring Boot puts every converter bean ahead of its own, so search answers take this one. */
    @Bean
    NearbyResultMessageConverter nearbyResultMessageConverter(ObjectMapper json) {
        return new NearbyResultMessageConverter(json);
    }
}
