package dev.proximity.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test whose app runs on servers of its own even under {@code -Pcontainers}: it stops, restarts or replicates
 * them, or brings its own "production" servers, which shared containers cannot offer. The reason is stated here and
 * listed in docs/testing.md, so nothing leaves the container run unsaid.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface EmbeddedServersOnly {

    /** Why the shared containers will not do. */
    String value();
}
