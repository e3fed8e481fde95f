package dev.proximity.ratelimit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Web slice tests pick up this configurer without the limiter; they then run unlimited. */
@Configuration(proxyBeanMethods = false)
class RateLimitWebConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<RateLimitInterceptor> interceptor;

    RateLimitWebConfiguration(ObjectProvider<RateLimitInterceptor> interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        RateLimitInterceptor limits = interceptor.getIfAvailable();
        if (limits == null) {
            return;
        }
        registry.addInterceptor(limits)
                .addPathPatterns(RateLimitInterceptor.SEARCH_PATHS)
                .addPathPatterns(RateLimitInterceptor.WRITE_PATHS);
    }
}
