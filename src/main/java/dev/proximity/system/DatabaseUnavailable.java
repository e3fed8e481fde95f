package dev.proximity.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises "the database could not be reached" however deep the data-access layers wrapped it: a
 * connection could not be had (pool timeout, or refused at once while the primary is known down), the
 * connection broke (SQLState class 08), the server is shutting down or starting (57P01–57P03), or it is so
 * overloaded that a statement hit its timeout (57014): for the client all of these mean "try again shortly".
 */
final class DatabaseUnavailable {

    private static final Set<String> SERVER_GOING_AWAY_OR_TIMED_OUT = Set.of("57P01", "57P02", "57P03", "57014");

    private DatabaseUnavailable() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof QueryTimeoutException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY_OR_TIMED_OUT.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
