package dev.proximity.search;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.context.annotation.Configuration;

/** The search state bean, and the clock {@code openNow} is evaluated with (tests replace it with a fixed one). */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Listens for other instances' business changes. One thread applies them in arrival order, so an older
     * change's re-read can never land after a newer one's. Reconnects by itself when Redis comes back.
     */
    @Bean
    RedisMessageListenerContainer businessChangeListener(RedisConnectionFactory redis, BusinessChangeRelay relay) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        // the blocking subscribe loop needs its own thread; otherwise it would hold the single dispatch slot
        container.setSubscriptionExecutor(new SimpleAsyncTaskExecutor("business-changes-subscription-"));
        container.setTaskExecutor(new SimpleAsyncTaskExecutor("business-changes-") {
            {
                setConcurrencyLimit(1);
            }
        });
        container.setRecoveryInterval(1_000);
        container.addMessageListener(relay, new ChannelTopic(BusinessChangeRelay.CHANNEL));
        return container;
    }

    @Bean(destroyMethod = "shutdown")
    SearchState searchState(SearchProperties properties, BusinessRowLoader loader) {
        return new SearchState(properties.overlayMaxEntries(), properties.overlayMaxAge(),
                new Dictionary<>(loader::parseSchedule));
    }
}
