package dev.proximity.system;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Id generation, request ids, housekeeping jobs (expired idempotency keys), and HTTPS behind a trusted proxy. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SystemConfiguration {

    @Bean
    IdGenerator idGenerator(IdProperties properties) {
        return IdGenerator.of(properties);
    }

    /** First of all filters, so every log line and every answer of a request, even a refusal, carries its id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    /** Next: the session cookie and Spring Security must already see the request as HTTPS. */
    @Bean
    FilterRegistrationBean<ForwardedProtoFilter> forwardedProtoFilter(ClientAddress clients) {
        FilterRegistrationBean<ForwardedProtoFilter> registration = new FilterRegistrationBean<>(
                new ForwardedProtoFilter(clients));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }
}
