package dev.proximity.support.servers;

import java.util.List;

import dev.proximity.support.EmbeddedServersOnly;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Under {@code -Pcontainers} (or {@code proximity.test.servers=external}) points every Spring test context at the
 * shared servers, each in a namespace of its own, unless its test class is {@link EmbeddedServersOnly}. In the
 * default run it does nothing. Registered in {@code META-INF/spring.factories} of the test resources.
 */
class SharedServersContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if ("embedded".equals(TestServers.mode())
                || TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedServersOnly.class) != null) {
            return null;
        }
        return new OnSharedServers();
    }

    /** Equal to every other, so contexts that differ in nothing else still share one cached context. */
    private record OnSharedServers() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            // first, so no embedded-mode test setting wins; tests that bring servers of their own are EmbeddedServersOnly
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            sources.addFirst(new MapPropertySource("sharedTestServers", TestServers.newNamespace()));
            sources.addLast(new MapPropertySource("sharedTestServersSigningKey", SharedServers.signingKey()));
        }
    }
}
