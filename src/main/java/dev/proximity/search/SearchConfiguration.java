package dev.proximity.search;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The search state bean, and the clock {@code openNow} is evaluated with (tests replace it with a fixed one). */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "shutdown")
    SearchState searchState(SearchProperties properties, BusinessRowLoader loader) {
        return new SearchState(properties.overlayMaxEntries(), properties.overlayMaxAge(),
                new Dictionary<>(loader::parseSchedule));
    }
}
