package dev.proximity.datasource;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.jdbc.JdbcConnectionDetails;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;

/**
 * The application's {@code DataSource} is a {@link LazyConnectionDataSourceProxy} around the
 * {@link ReplicaRoutingDataSource}: the proxy fetches the real connection at the first statement, when the
 * transaction's read-only flag is known. The primary's pool is built from Boot's usual
 * {@code spring.datasource.*} keys (or the embedded servers' {@code JdbcConnectionDetails}) and is the
 * {@link FlywayDataSource}, so migrations never run on a replica. Replica pools copy the primary's
 * timeouts and size.
 */
@Configuration(proxyBeanMethods = false)
class RoutingDataSourceConfiguration {

    /** Idle connections a replica pool keeps open; it grows to the primary's size on demand. */
    static final int REPLICA_MIN_IDLE = 4;

    private static final int PROBE_TIMEOUT_MILLIS = 1000;
    /** After-commit reads are single short queries; a few connections keep up with many writers. */
    private static final int AFTER_COMMIT_POOL_SIZE = 4;

    @Bean
    @FlywayDataSource
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource primaryDataSource(DataSourceProperties properties,
            ObjectProvider<JdbcConnectionDetails> connectionDetails) {
        JdbcConnectionDetails details = connectionDetails.getIfAvailable(() -> new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return properties.determineUsername();
            }

            @Override
            public String getPassword() {
                return properties.determinePassword();
            }

            @Override
            public String getJdbcUrl() {
                return properties.determineUrl();
            }
        });
        HikariDataSource primary = DataSourceBuilder.create(properties.getClassLoader())
                .type(HikariDataSource.class)
                .driverClassName(details.getDriverClassName())
                .url(details.getJdbcUrl())
                .username(details.getUsername())
                .password(details.getPassword())
                .build();
        primary.setPoolName("primary");
        return primary;
    }

    @Bean(destroyMethod = "close")
    ReplicaSet replicaSet(ReplicaProperties properties, ObjectProvider<ReplicaConnectionDetails> connectionDetails,
            HikariDataSource primaryDataSource) {
        List<ReplicaProperties.Replica> configured = connectionDetails.getIfAvailable() != null
                ? connectionDetails.getIfAvailable().replicas() : properties.replicas();
        List<ReplicaServer> replicas = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            ReplicaProperties.Replica replica = configured.get(i);
            HikariDataSource pool = pool("replica-" + i, replica.url(), replica.username(), replica.password(),
                    primaryDataSource);
            pool.setMaximumPoolSize(primaryDataSource.getMaximumPoolSize());
            // Grown on demand from a few: a fixed pool re-opened every connection at once when a replica came
            // back (72 backends per instance forked together on the fault run's two cores stalled everything).
            // Replica reads are cell fills and single businesses, so a few connections carry them.
            pool.setMinimumIdle(Math.min(REPLICA_MIN_IDLE, primaryDataSource.getMaximumPoolSize()));
            pool.setConnectionTimeout(properties.replicaConnectionTimeout().toMillis());
            pool.setReadOnly(true);
            replicas.add(new ReplicaServer(i, pool, probe("replica-" + i + "-probe", replica.url(),
                    replica.username(), replica.password(), primaryDataSource)));
        }
        return new ReplicaSet(replicas);
    }

    @Bean(destroyMethod = "close")
    ReplicationMonitor replicationMonitor(HikariDataSource primaryDataSource, ReplicaSet replicaSet,
            ReplicaProperties properties, ObjectProvider<MeterRegistry> meters) {
        HikariDataSource probe = probe("primary-probe", primaryDataSource.getJdbcUrl(),
                primaryDataSource.getUsername(), primaryDataSource.getPassword(), primaryDataSource);
        return new ReplicationMonitor(new PrimaryServer(primaryDataSource, properties.primaryBusyWait()), probe,
                replicaSet, properties, meters.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    PrimaryAfterCommitReads primaryAfterCommitReads(HikariDataSource primaryDataSource,
            ReplicaProperties properties) {
        HikariDataSource pool = pool("primary-after-commit", primaryDataSource.getJdbcUrl(),
                primaryDataSource.getUsername(), primaryDataSource.getPassword(), primaryDataSource);
        pool.setMaximumPoolSize(AFTER_COMMIT_POOL_SIZE);
        pool.setMinimumIdle(0);
        // Its few connections are shared by many writers' after-commit reads and the change log's polls, which
        // only run while the primary is up: they may queue for the whole busy wait, in one wait.
        pool.setConnectionTimeout(properties.primaryBusyWait().toMillis());
        return new PrimaryAfterCommitReads(pool);
    }

    @Bean
    @Primary
    DataSource dataSource(ReplicationMonitor replicationMonitor) {
        LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy();
        proxy.setTargetDataSource(new ReplicaRoutingDataSource(replicationMonitor.primary(),
                replicationMonitor.replicas()));
        // known defaults, so that building the proxy never needs a connection
        proxy.setDefaultAutoCommit(true);
        proxy.setDefaultTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        proxy.afterPropertiesSet();
        return proxy;
    }

    /**
     * {@link ReplicaReadRetry} around every {@code @Transactional(readOnly = true)} method (public or not, as
     * Spring's own transaction advice takes them), ordered just outside the transaction advice (which has the
     * lowest precedence), so a retry starts a transaction of its own.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor replicaReadRetryAdvisor() {
        AnnotationTransactionAttributeSource transactions = new AnnotationTransactionAttributeSource(false);
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new StaticMethodMatcherPointcut() {
            @Override
            public boolean matches(Method method, Class<?> targetClass) {
                TransactionAttribute attribute = transactions.getTransactionAttribute(method, targetClass);
                return attribute != null && attribute.isReadOnly();
            }
        }, new ReplicaReadRetry());
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        return advisor;
    }

    /** {@code db} is the primary alone (not every DataSource bean, which would check it twice). */
    @Bean
    HealthIndicator dbHealthContributor(HikariDataSource primaryDataSource) {
        return new DataSourceHealthIndicator(primaryDataSource);
    }

    @Bean
    HealthIndicator replicasHealthIndicator(ReplicationMonitor replicationMonitor) {
        return new ReplicasHealthIndicator(replicationMonitor);
    }

    @Bean
    RecentWriters recentWriters(StringRedisTemplate redis, ReplicaProperties properties) {
        return new RecentWriters(redis, properties.readYourWritesWindow());
    }

    /** After Spring Security (which sets who the owner is); only worth a Redis call when replicas exist. */
    @Bean
    FilterRegistrationBean<ReadYourWritesFilter> readYourWritesFilter(RecentWriters recentWriters,
            ReplicaSet replicaSet) {
        FilterRegistrationBean<ReadYourWritesFilter> registration = new FilterRegistrationBean<>(
                new ReadYourWritesFilter(recentWriters));
        registration.setEnabled(!replicaSet.isEmpty());
        registration.setOrder(0);
        return registration;
    }

    private static HikariDataSource probe(String name, String url, String username, String password,
            HikariDataSource primary) {
        HikariDataSource probe = pool(name, url, username, password, primary);
        probe.setMaximumPoolSize(1);
        probe.setMinimumIdle(0);
        probe.setConnectionTimeout(PROBE_TIMEOUT_MILLIS);
        probe.setValidationTimeout(PROBE_TIMEOUT_MILLIS / 2);
        probe.addDataSourceProperty("socketTimeout", "2");
        return probe;
    }

    private static HikariDataSource pool(String name, String url, String username, String password,
            HikariDataSource primary) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(name);
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        Properties driverProperties = new Properties();
        driverProperties.putAll(primary.getDataSourceProperties());
        pool.setDataSourceProperties(driverProperties);
        pool.setInitializationFailTimeout(-1); // an unreachable replica must not stop the app from starting
        return pool;
    }
}
