package dev.proximity.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what the production jar needs instead of a data-source stack trace. */
class ExternalDatabaseRequiredFailureAnalyzer extends AbstractFailureAnalyzer<ExternalDatabaseRequiredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ExternalDatabaseRequiredException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Configure the servers: SPRING_DATASOURCE_URL (with _USERNAME and _PASSWORD) for the PostgreSQL "
                        + "primary, SPRING_DATA_REDIS_HOST or SPRING_DATA_REDIS_URL for Redis, and "
                        + "PROXIMITY_SECURITY_TOKEN_SIGNING_KEY (docs/operations.md, \"Production mode\"). "
                        + "For a laptop run with its own servers, use the default jar (mvn package, without -Pproduction).",
                cause);
    }
}
