package dev.proximity.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Embedded mode is on unless a primary database is configured or it is switched off explicitly, and only in a jar
 * that carries the embedded servers (the production jar, {@code -Pproduction}, leaves them out).
 */
class OnEmbeddedMode implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return requested(context.getEnvironment()) && serversPresent(context.getClassLoader());
    }

    /** No primary database configured and the embedded mode not switched off. */
    static boolean requested(Environment env) {
        boolean productionDatabase = env.containsProperty("spring.datasource.url");
        boolean disabled = !env.getProperty("proximity.embedded.enabled", Boolean.class, true);
        return !productionDatabase && !disabled;
    }

    /** Whether the embedded PostgreSQL and Redis artifacts are on the class path. */
    static boolean serversPresent(ClassLoader classLoader) {
        return ClassUtils.isPresent("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", classLoader)
                && ClassUtils.isPresent("redis.embedded.RedisServer", classLoader);
    }
}
