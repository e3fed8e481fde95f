package dev.proximity.account;

import java.io.IOException;
import java.util.EnumSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.proximity.system.ApiPaths;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.session.SessionProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps Spring Session's filter off the API. The API is stateless (bearer tokens, no cookies), so on
 * {@code /v1/**} the filter could only cost: it wraps the request and the response of every search, and each
 * wrapper is another layer every header and attribute lookup of the later filters goes through (profile in
 * docs/benchmarks.md). Boot's registration of the filter is switched off and replaced by one with the same order
 * and dispatcher types whose filter passes API requests by and hands every other request to Spring Session's
 * filter bean, which stays exactly as Spring Session configures it.
 */
@Configuration(proxyBeanMethods = false)
class ApiSessionBypass {

    /** The names Spring Session and Boot give the filter and its registration. */
    static final String SESSION_FILTER = "springSessionRepositoryFilter";
    static final String BOOT_REGISTRATION = "sessionRepositoryFilterRegistration";

    @Bean
    static BeanPostProcessor bootSessionFilterRegistrationOff() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (BOOT_REGISTRATION.equals(beanName) && bean instanceof DelegatingFilterProxyRegistrationBean boot) {
                    boot.setEnabled(false);
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<Filter> sessionFilterOffTheApi(BeanFactory beans,
            ObjectProvider<SessionProperties> session) {
        SessionProperties.Servlet properties = session.getIfAvailable(SessionProperties::new).getServlet();
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
                new Bypass(() -> beans.containsBean(SESSION_FILTER) ? beans.getBean(SESSION_FILTER, Filter.class)
                        : null));
        registration.setName("sessionFilterOffTheApi");
        registration.setOrder(properties.getFilterOrder());
        registration.setDispatcherTypes(properties.getFilterDispatcherTypes().stream()
                .map(type -> DispatcherType.valueOf(type.name()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DispatcherType.class))));
        return registration;
    }

    /** Passes API requests straight on; everything else through the session filter. */
    static final class Bypass implements Filter {

        private final Supplier<Filter> sessionFilter;

        Bypass(Supplier<Filter> sessionFilter) {
            this.sessionFilter = sessionFilter;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            Filter filter = request instanceof HttpServletRequest http && ApiPaths.isApi(http) ? null
                    : sessionFilter.get();
            if (filter == null) { // the API, or an application context without Spring Session (web slice tests)
                chain.doFilter(request, response);
            } else {
                filter.doFilter(request, response, chain);
            }
        }
    }
}
