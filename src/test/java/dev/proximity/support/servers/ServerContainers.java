package dev.proximity.support.servers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL and Redis containers of {@code -Pcontainers}: the images docker-compose.yml runs
 * ({@code ContainerImagesTests} keeps the two in step), started once per JVM and removed by Testcontainers when it
 * ends.
 */
final class ServerContainers {

    static final String POSTGRES_IMAGE = "postgres:17";
    static final String REDIS_IMAGE = "redis:7";

    /** Enough database numbers that live contexts (at most the 32 the test context cache keeps) never share one. */
    static final int REDIS_DATABASES = 256;

    private ServerContainers() {
    }

    /** Starts both containers; without a Docker engine Testcontainers throws here, and the caller says so. */
    @SuppressWarnings("resource") // they live as long as the JVM; Testcontainers' reaper removes them
    static SharedServers start() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
                .withUsername("postgres")
                .withPassword("postgres")
                // every cached context holds a pool of up to 20 (application.properties)
                .withCommand("postgres", "-c", "max_connections=1000");
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                .withCommand("redis-server", "--save", "", "--appendonly", "no",
                        "--databases", String.valueOf(REDIS_DATABASES))
                .withExposedPorts(6379)
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
        postgres.start();
        redis.start();
        return new SharedServers(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                postgres.getUsername(), postgres.getPassword(), redis.getHost(), redis.getMappedPort(6379),
                REDIS_DATABASES);
    }
}
