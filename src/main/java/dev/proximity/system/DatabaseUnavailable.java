package dev.proximity.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises "the data store cannot take this request right now" however deep the data-access layers wrapped
 * it: a connection could not be had (pool timeout, or refused at once while the primary is known down), the
 * connection broke (SQLState class 08), the server is shutting down or starting (57P01–57P03) or cancelled a
 * statement at its timeout (57014, also when it reaches us untranslated), or Spring
 * translated the failure to a resource failure or a transient one (too many connections, a statement timeout,
 * a lock or deadlock a retry can win). An optimistic-locking conflict is transient too but is the client's to
 * resolve (reread, then retry), so it is not one of these. The API answers these with a problem+json 503 and
 * the pages with the 503 page, both with {@code Retry-After}.
 */
public final class DatabaseUnavailable {

    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03", "57014");

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockingFailureException) {
                return false;
            }
            // DataAccessResourceFailureException covers CannotGetJdbcConnectionException
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
