package dev.proximity.search;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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

    @Bean(destroyMethod = "shutdown")
    SearchState searchState(SearchProperties properties, BusinessRowLoader loader) {
        return new SearchState(properties.overlayMaxEntries(), properties.overlayMaxAge(),
                new Dictionary<>(loader::parseSchedule));
    }
}
