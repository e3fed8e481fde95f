package dev.proximity.web;

import java.time.Duration;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** Serves the asset catalog under {@code /assets/**} and installs the page-wide filters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AssetProperties.class, MapProperties.class}) // also in web slice tests
class WebConfiguration implements WebMvcConfigurer {

    private final AssetCatalog catalog;

    WebConfiguration(AssetCatalog catalog) {
        this.catalog = catalog;
    }

    @Bean
    static AssetCatalog assetCatalog() {
        return AssetCatalog.load(WebConfiguration.class.getClassLoader());
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(AssetCatalog.PREFIX + "**")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .setUseLastModified(false)
                .resourceChain(false)
                .addResolver(new AssetResourceResolver(catalog));
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(AssetProperties assets, MapProperties map) {
        FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
                new SecurityHeadersFilter(ContentSecurityPolicy.forPages(assets, map)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // before Spring Security, which keeps them
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AssetUrlFilter> assetUrlFilter(AssetProperties assets) {
        FilterRegistrationBean<AssetUrlFilter> registration = new FilterRegistrationBean<>(
                new AssetUrlFilter(catalog, assets));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /**
     * Boot's URL-fingerprinting filter (on because of the WebJars), for pages only: no API response holds an
     * asset URL, and on a search its request and response wrappers only slow every later lookup down.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
                new PageResourceUrlEncodingFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }
}
