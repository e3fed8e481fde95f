package dev.proximity.embedded;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A real PostgreSQL (and Redis) for data slices such as {@code @DataJpaTest}, which do not scan the
 * package-private embedded-server wiring. Each test context gets its own throwaway data directory.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(EmbeddedServersConfiguration.class)
@EnableConfigurationProperties(EmbeddedProperties.class)
public class EmbeddedDatabaseForTests {
}
