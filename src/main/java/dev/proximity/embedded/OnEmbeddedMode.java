package dev.proximity.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Embedded mode is on unless a primary database is configured or it is switched off explicitly. */
class OnEmbeddedMode implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        boolean productionDatabase = env.containsProperty("spring.datasource.url");
        boolean disabled = !env.getProperty("proximity.embedded.enabled", Boolean.class, true);
        return !productionDatabase && !disabled;
    }
}
