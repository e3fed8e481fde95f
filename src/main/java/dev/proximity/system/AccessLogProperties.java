package dev.proximity.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled one line per request on the {@code proximity.access} logger; unset means on in production
 *                (a configured database) and off in the embedded mode
 */
@ConfigurationProperties("proximity.access-log")
public record AccessLogProperties(Boolean enabled) {
}
