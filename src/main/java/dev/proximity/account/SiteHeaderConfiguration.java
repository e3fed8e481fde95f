package dev.proximity.account;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The site header's signed-in state on every server-rendered page, never on the API, assets or docs. */
@Configuration(proxyBeanMethods = false)
class SiteHeaderConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<OwnerSessionReader> storedSessions;
    private final ObjectProvider<OwnerService> owners;

    SiteHeaderConfiguration(ObjectProvider<OwnerSessionReader> storedSessions, ObjectProvider<OwnerService> owners) {
        this.storedSessions = storedSessions;
        this.owners = owners;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new SiteHeaderInterceptor(storedSessions, owners))
                .excludePathPatterns("/v1/**", "/v3/**", "/actuator/**", "/assets/**", "/swagger-ui/**");
    }
}
