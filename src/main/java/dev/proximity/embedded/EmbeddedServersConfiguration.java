package dev.proximity.embedded;

import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded servers and hands their addresses to Boot as {@code ConnectionDetails}: the pool,
 * Flyway and Redis are then configured by the same auto-configuration as in production. Because the pool
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
