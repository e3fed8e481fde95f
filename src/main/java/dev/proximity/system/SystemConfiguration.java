package dev.proximity.system;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Id generation, housekeeping jobs (expired idempotency keys), and HTTPS behind a trusted proxy. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SystemConfiguration {

    @Bean
    IdGenerator idGenerator(IdProperties properties) {
        return IdGenerator.of(properties);
    }

    /** First of all filters: the session cookie and Spring Security must already see the request as HTTPS. */
    @Bean
    FilterRegistrationBean<ForwardedProtoFilter> forwardedProtoFilter(ClientAddress clients) {
        FilterRegistrationBean<ForwardedProtoFilter> registration = new FilterRegistrationBean<>(
                new ForwardedProtoFilter(clients));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }
}
