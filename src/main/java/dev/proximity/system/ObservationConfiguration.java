package dev.proximity.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Keeps per-request observation to what operations read: Boot's {@code http.server.requests} and our own search
 * metrics. Spring Security would otherwise wrap each of its filters, and the authorization check, in an observation
 * of its own on every request: under load that cost more than the search itself (profile in docs/benchmarks.md).
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
