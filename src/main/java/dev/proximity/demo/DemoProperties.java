package dev.proximity.demo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled    seed demo businesses into an empty database in the embedded run mode
 * @param businesses how many
 * @param seed       random seed: the same seed gives the same businesses
 */
@ConfigurationProperties("proximity.demo")
@Validated
public record DemoProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20000") @Min(1) @Max(1_000_000) int businesses,
        @DefaultValue("42") long seed) {
}
