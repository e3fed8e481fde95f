package dev.proximity.account;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps Spring Session's filter off the API. The API is stateless (bearer tokens, no cookies), so on
 * {@code /v1/**} the filter could only cost: it wraps the request and the response of every search, and each
 * wrapper is another layer every header and attribute lookup of the later filters goes through (profile in
 * docs/benchmarks.md). Every other path keeps the filter exactly as Spring Session configures it.
 */
@Configuration(proxyBeanMethods = false)
class ApiSessionBypass {

    /** The bean name Spring Session gives its filter. */
    static final String SESSION_FILTER = "springSessionRepositoryFilter";

    @Bean
    static BeanPostProcessor sessionFilterOffTheApi() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return SESSION_FILTER.equals(beanName) && bean instanceof Filter filter ? new Bypass(filter) : bean;
            }
        };
    }

    /** Passes API requests straight on; everything else through the session filter. */
    static final class Bypass implements Filter {

        private final Filter sessionFilter;

        Bypass(Filter sessionFilter) {
            this.sessionFilter = sessionFilter;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (request instanceof HttpServletRequest http && isApi(http)) {
                chain.doFilter(request, response);
            } else {
                sessionFilter.doFilter(request, response, chain);
            }
        }

        @Override
        public void destroy() {
            sessionFilter.destroy();
        }
    }

    /** The servlet path is decoded and normalised by the container, so {@code /v1/../owner} is not the API. */
    static boolean isApi(HttpServletRequest request) {
        return request.getServletPath().startsWith("/v1/");
    }
}
