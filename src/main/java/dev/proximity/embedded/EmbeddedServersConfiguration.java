package dev.proximity.embedded;

import java.util.List;

import dev.proximity.datasource.ReplicaConnectionDetails;
import dev.proximity.datasource.ReplicaProperties;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded servers and hands their addresses to the app as {@code ConnectionDetails}: the pools,
 * Flyway and Redis are then configured by the same code as in production. Because the pool
 * and the Redis client depend on these beans, the context closes them before it stops the servers.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnEmbeddedMode.class)
class EmbeddedServersConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedServers embeddedServers(EmbeddedProperties properties) {
        return EmbeddedServers.start(properties);
    }

    @Bean
    JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedServers servers) {
        String jdbcUrl = servers.postgres().jdbcUrl();
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return EmbeddedPostgresServer.USER;
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return jdbcUrl;
            }
        };
    }

    /** The embedded primary's streaming replicas ({@code proximity.embedded.replicas}) are the app's replicas. */
    @Bean
    ReplicaConnectionDetails embeddedReplicaConnectionDetails(EmbeddedServers servers) {
        List<ReplicaProperties.Replica> replicas = servers.replicas().stream()
                .map(replica -> new ReplicaProperties.Replica(replica.jdbcUrl(), EmbeddedPostgresServer.USER, ""))
                .toList();
        return () -> replicas;
    }

    @Bean
    RedisConnectionDetails embeddedRedisConnectionDetails(EmbeddedServers servers) {
        int port = servers.redis().port();
        return new RedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of("127.0.0.1", port);
            }
        };
    }
}
