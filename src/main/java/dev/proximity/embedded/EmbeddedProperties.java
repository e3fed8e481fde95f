package dev.proximity.embedded;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded default run mode.
 *
 * @param enabled      {@code false} turns the embedded servers off even without {@code spring.datasource.url}
 * @param dataDir      where PostgreSQL's cluster, the signing key and pid files live; survives restarts
 * @param postgresPort fixed PostgreSQL port, or 0 for a free one
 * @param redisPort    fixed Redis port, or 0 for a free one
 * @param ephemeral    delete the data directory when the app stops (throwaway runs, tests)
 */
@ConfigurationProperties("proximity.embedded")
public record EmbeddedProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("./.proximity") Path dataDir,
        @DefaultValue("0") int postgresPort,
        @DefaultValue("0") int redisPort,
        @DefaultValue("false") boolean ephemeral) {
}
