package dev.proximity.business;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param retention change log entries older than this are pruned; an instance further behind reloads everything
 * @param pruneInterval how often each instance prunes (the delete is idempotent, so instances may overlap)
 */
@ConfigurationProperties("proximity.change-log")
@Validated
record ChangeLogProperties(
        @DefaultValue("1d") Duration retention,
        @DefaultValue("10m") Duration pruneInterval) {
}
