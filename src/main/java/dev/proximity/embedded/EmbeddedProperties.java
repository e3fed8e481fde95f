package dev.proximity.embedded;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded default run mode.
 *
 * @param enabled          {@code false} turns the embedded servers off even without {@code spring.datasource.url}
 * @param dataDir          where PostgreSQL's clusters, the signing key and pid files live; survives restarts
 * @param postgresPort     fixed PostgreSQL (primary) port, or 0 for a free one
 * @param redisPort        fixed Redis port, or 0 for a free one
 * @param ephemeral        delete the data directory when the app stops (throwaway runs, tests)
 * @param replicas         streaming read replicas of the embedded primary, each in {@code <data-dir>/replica-<n>}
 *                         on a free port and registered as the app's read replicas; 0 runs the primary alone
 * @param postgresSettings extra server settings for the primary and its replicas (no values with spaces),
 *                         e.g. {@code shared_preload_libraries=pg_stat_statements}
 * @param redisMaxMemory   the embedded Redis's {@code maxmemory} (nothing is evicted: a full Redis refuses writes);
 *                         the search view takes about 500 bytes per business, so the default suits about a million
 */
@ConfigurationProperties("proximity.embedded")
public record EmbeddedProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("./.proximity") Path dataDir,
        @DefaultValue("0") int postgresPort,
        @DefaultValue("0") int redisPort,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("0") int replicas,
        Map<String, String> postgresSettings,
        @DefaultValue("1GB") DataSize redisMaxMemory) {

    @ConstructorBinding
    public EmbeddedProperties {
        if (replicas < 0) {
            throw new IllegalArgumentException("proximity.embedded.replicas must be 0 or more");
        }
        postgresSettings = postgresSettings == null ? Map.of() : Map.copyOf(postgresSettings);
        if (redisMaxMemory == null) {
            redisMaxMemory = DataSize.ofGigabytes(1);
        }
    }

    /** The primary alone, no extra server settings. */
    public EmbeddedProperties(boolean enabled, Path dataDir, int postgresPort, int redisPort, boolean ephemeral) {
        this(enabled, dataDir, postgresPort, redisPort, ephemeral, 0, Map.of(), DataSize.ofGigabytes(1));
    }
}
