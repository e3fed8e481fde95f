package dev.proximity.business;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Background imports ({@code Prefer: respond-async}).
 *
 * @param heartbeatInterval how often an instance writes its running jobs' progress and heartbeat to the primary
 * @param heartbeatTimeout  a running job whose heartbeat is older than this reads as failed (its instance
 *                          stopped), and can no longer commit; several heartbeat intervals, so that a slow
 *                          primary does not fail a live import
 * @param retention         how long a finished job can still be read (from its end; a dead one from its last
 *                          heartbeat), and how often they are pruned is a tenth of it
 * @param spoolDirectory    where bodies wait on disk until their import has run (deleted then); empty is the
 *                          JVM's temporary directory. Needs room for {@code max-concurrent} bodies of
 *                          {@code max-bytes} each
 */
@ConfigurationProperties("proximity.import.jobs")
@Validated
record ImportJobProperties(
        @DefaultValue("1s") Duration heartbeatInterval,
        @DefaultValue("30s") Duration heartbeatTimeout,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("") String spoolDirectory) {

    ImportJobProperties {
        if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("proximity.import.jobs.heartbeat-timeout (" + heartbeatTimeout
                    + ") must be at least three heartbeat intervals (" + heartbeatInterval + ")");
        }
    }

    Path spoolPath() {
        return Path.of(spoolDirectory.isBlank() ? System.getProperty("java.io.tmpdir") : spoolDirectory);
    }
}
