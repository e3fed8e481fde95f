package dev.proximity.datasource;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Read replicas of the primary ({@code spring.datasource.*}) and how they are used.
 *
 * @param replicas             {@code proximity.replicas[i].url/username/password}; none sends every read to the primary
 * @param replicaMaxLag        a replica that lags more leaves the read rotation until it catches up
 * @param readYourWritesWindow how long an owner's reads stay on the primary after their write
 * @param replicaCheckInterval how often the primary and each replica are probed (connection, WAL positions)
 * @param replicaConnectionTimeout how long a read waits for a replica connection before it leaves that replica
 *                             out and reads from the primary; short (Hikari's minimum, 250 ms, by default)
 *                             because the primary can always answer, while every request thread that waits
 *                             for a dead replica is a thread the instance cannot serve with
 * @param primaryBusyWait      how long a request waits in all for a free primary connection while every one is
 *                             in use, in waits of {@code spring.datasource.hikari.connection-timeout} (250 ms);
 *                             after a wait in which the server refused a connection the primary counts as down
 *                             and the request gets its 503 at once (see {@link PrimaryServer})
 */
@ConfigurationProperties("proximity")
@Validated
public record ReplicaProperties(
        @Valid List<Replica> replicas,
        @DefaultValue("5s") Duration replicaMaxLag,
        @DefaultValue("5s") Duration readYourWritesWindow,
        @DefaultValue("1s") Duration replicaCheckInterval,
        @DefaultValue("250ms") Duration replicaConnectionTimeout,
        @DefaultValue("2s") Duration primaryBusyWait) {

    public ReplicaProperties {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
        if (replicaConnectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("proximity.replica-connection-timeout must be at least 250ms: "
                    + replicaConnectionTimeout);
        }
    }

    /** One replica's connection; the password may be empty. */
    public record Replica(@NotBlank String url, String username, String password) {

        @Override
        public String toString() { // never print the password
            return "Replica[url=" + url + ", username=" + username + "]";
        }
    }
}
