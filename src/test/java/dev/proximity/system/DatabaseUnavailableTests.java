package dev.proximity.system;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which data-access failures the API answers with 503 and Retry-After instead of 500. */
class DatabaseUnavailableTests {

    @Test
    void aStatementTimeoutIsATemporaryUnavailability() {
        SQLException canceled = new SQLException("canceling statement due to statement timeout", "57014");
        assertThat(DatabaseUnavailable.causes(new QueryTimeoutException("timed out", canceled))).isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(canceled))).isTrue();
    }

    @Test
    void unreachableOrRestartingServersAreUnavailable() {
        assertThat(DatabaseUnavailable.causes(new CannotGetJdbcConnectionException("pool"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("broken", "08006"))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("shutting down", "57P01"))).isTrue();
    }

    @Test
    void constraintViolationsAndBugsAreNot() {
        assertThat(DatabaseUnavailable.causes(new DataIntegrityViolationException("dup",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("bug"))).isFalse();
    }
}
