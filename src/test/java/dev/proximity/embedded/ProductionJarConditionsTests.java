package dev.proximity.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.embedded.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production jar ({@code -Pproduction}) has no embedded-server artifacts: the embedded wiring must then stay
 * off, and without a configured database the start must end in a report that says what to configure. Simulated here
 * by a class loader that hides those artifacts; deploy/production-jar-check.sh runs the real jar.
 */
class ProductionJarConditionsTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(EmbeddedServersConfiguration.class, ExternalDatabaseCheck.class);

    @Test
    void withoutTheArtifactsAndWithoutADatabaseTheStartFailsWithAReport() {
        contexts.withClassLoader(new FilteredClassLoader(EmbeddedPostgres.class, RedisServer.class)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(ExternalDatabaseRequiredException.class);
            FailureAnalysis analysis = new ExternalDatabaseRequiredFailureAnalyzer()
                    .analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("no embedded PostgreSQL and Redis");
            assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_URL");
        });
    }

    @Test
    void withoutTheArtifactsAConfiguredDatabaseIsEnough() {
        contexts.withClassLoader(new FilteredClassLoader(EmbeddedPostgres.class, RedisServer.class))
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example:5432/proximity")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EmbeddedServers.class);
                });
    }

    @Test
    void withTheArtifactsTheCheckStaysOut() {
        // the check alone, without the servers' configuration, so that nothing starts here
        new ApplicationContextRunner().withUserConfiguration(ExternalDatabaseCheck.class).run(context ->
                assertThat(context).hasNotFailed());
        assertThat(OnEmbeddedMode.serversPresent(getClass().getClassLoader())).isTrue();
    }
}
