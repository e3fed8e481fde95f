package dev.proximity.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * The whole app with an embedded primary and one streaming replica, checked every 200 ms: the topology of the
 * tests that stop the primary. One annotation, so those test classes share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ApiIntegrationTest
@TestPropertySource(properties = {
        "proximity.embedded.replicas=1",
        "proximity.replica-check-interval=200ms"})
public @interface PrimaryOutageTopology {
}
