package dev.proximity.system;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are "retry later" (503 with Retry-After on the API and the pages) and which are not. */
class DatabaseUnavailableTests {

    static Stream<Throwable> unavailable() {
        SQLException refused = new SQLException("Connection refused", "08001");
        return Stream.of(
                new CannotGetJdbcConnectionException("no connection", refused),
                new CannotCreateTransactionException("could not open JPA EntityManager",
                        new JDBCConnectionException("unable to obtain connection", refused)),
                new DataAccessResourceFailureException("too many connections",
                        new SQLException("too many clients", "53300")),
                new TransientDataAccessResourceException("resource busy"),
                new QueryTimeoutException("canceling statement due to statement timeout"),
                new CannotAcquireLockException("lock timeout", new SQLException("lock not available", "55P03")),
                new IllegalStateException("wrapped", new SQLTransientConnectionException("pool timeout")),
                new RuntimeException("server shutting down", new SQLException("terminating connection", "57P01")),
                new RuntimeException("untranslated", new SQLException("canceling statement due to statement timeout",
                        "57014")));
    }

    static Stream<Throwable> notUnavailable() {
        return Stream.of(
                new OptimisticLockingFailureException("stale version"),
                new ObjectOptimisticLockingFailureException("Business", 7L),
                new DataIntegrityViolationException("duplicate key", new SQLException("unique", "23505")),
                new RuntimeException("syntax", new SQLException("syntax error", "42601")),
                new IllegalStateException("a bug"));
    }

    @ParameterizedTest
    @MethodSource
    void unavailable(Throwable failure) {
        assertThat(DatabaseUnavailable.causes(failure)).as(failure.toString()).isTrue();
    }

    @ParameterizedTest
    @MethodSource
    void notUnavailable(Throwable failure) {
        assertThat(DatabaseUnavailable.causes(failure)).as(failure.toString()).isFalse();
    }
}
