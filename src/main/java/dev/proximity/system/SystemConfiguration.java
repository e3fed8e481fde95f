package dev.proximity.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Id generation and housekeeping jobs (expired idempotency keys). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SystemConfiguration {

    @Bean
    IdGenerator idGenerator(IdProperties properties) {
        return IdGenerator.of(properties);
    }
}
