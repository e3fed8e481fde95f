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
 */
@ConfigurationProperties("proximity")
@Validated
public record ReplicaProperties(
        @Valid List<Replica> replicas,
        @DefaultValue("5s") Duration replicaMaxLag,
        @DefaultValue("5s") Duration readYourWritesWindow,
        @DefaultValue("1s") Duration replicaCheckInterval) {

    public ReplicaProperties {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    /** One replica's connection; the password may be empty. */
    public record Replica(@NotBlank String url, String username, String password) {

        @Override
        public String toString() { // never print the password
            return "Replica[url=" + url + ", username=" + username + "]";
        }
    }
}
