package dev.proximity.embedded;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * In the production jar with no database configured, fails the start before any bean is created, so the report is
 * {@link ExternalDatabaseRequiredFailureAnalyzer}'s and not a pool's "url attribute is not specified".
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalDatabaseCheck.EmbeddedModeWithoutServers.class)
class ExternalDatabaseCheck {

    @Bean
    static BeanFactoryPostProcessor externalDatabaseRequired() {
        return beanFactory -> {
            throw new ExternalDatabaseRequiredException();
        };
    }

    static class EmbeddedModeWithoutServers implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return OnEmbeddedMode.requested(context.getEnvironment())
                    && !OnEmbeddedMode.serversPresent(context.getClassLoader());
        }
    }
}
