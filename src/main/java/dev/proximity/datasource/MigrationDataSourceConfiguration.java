package dev.proximity.datasource;

import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * With {@code spring.flyway.user} (and {@code .password}) set, Flyway connects to the primary as that role, the
 * owner of the schema, while the app's pools use {@code spring.datasource.username}, a role that may only read
 * and write rows ({@code deploy/postgres/app-privileges.sql}): SQL injected into the running app can then not
 * create, alter or drop anything. Without it, Flyway migrates through the primary's pool, as the embedded mode
 * does. Boot's own handling of {@code spring.flyway.user} does not apply here: it gives way to the
 * {@link FlywayDataSource}, which the primary's pool is so that migrations never reach a replica.
 */
@Configuration(proxyBeanMethods = false)
class MigrationDataSourceConfiguration {

    /** Runs after Boot has given Flyway the primary's pool, and replaces it with the owner's connections. */
    @Bean
    FlywayConfigurationCustomizer migrateAsSchemaOwner(HikariDataSource primaryDataSource,
            ObjectProvider<FlywayProperties> flyway) {
        return configuration -> {
            FlywayProperties properties = flyway.getIfAvailable();
            if (properties == null || properties.getUser() == null || properties.getUser().isBlank()) {
                return;
            }
            SimpleDriverDataSource owner = new SimpleDriverDataSource();
            owner.setDriver(new org.postgresql.Driver());
            owner.setUrl(properties.getUrl() != null ? properties.getUrl() : primaryDataSource.getJdbcUrl());
            owner.setUsername(properties.getUser());
            owner.setPassword(properties.getPassword());
            // the primary's driver settings (timeouts, the server-side statement timeout) apply as before
            Properties driverProperties = new Properties();
            driverProperties.putAll(primaryDataSource.getDataSourceProperties());
            owner.setConnectionProperties(driverProperties);
            configuration.dataSource(owner);
        };
    }
}
