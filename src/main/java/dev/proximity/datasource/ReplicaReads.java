package dev.proximity.datasource;

import java.sql.SQLException;
import java.util.Set;

/**
 * The outermost read-only transaction running on this thread, as {@link ReplicaReadRetry} sees it: which replica
 * served it (so a broken connection can be told from a failed query on the primary), and whether it is the
 * retry, which reads from the primary. Nothing is recorded outside such a transaction.
 */
final class ReplicaReads {

    /** Server-side ends of a connection: shutdown (admin, crash) and "starting up, not accepting connections". */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

    private ReplicaReads() {
    }

    static final class Attempt {
        private ReplicaServer servedBy;
        private boolean onPrimary;

        ReplicaServer servedBy() {
            return servedBy;
        }
    }

    static boolean active() {
        return CURRENT.get() != null;
    }

    static Attempt begin() {
        Attempt attempt = new Attempt();
        CURRENT.set(attempt);
        return attempt;
    }

    /** The retry: from now on this thread's read-only transaction reads from the primary. */
    static void retryOnPrimary(Attempt attempt) {
        attempt.servedBy = null;
        attempt.onPrimary = true;
    }

    static void end() {
        CURRENT.remove();
    }

    static boolean primaryRequired() {
        Attempt attempt = CURRENT.get();
        return attempt != null && attempt.onPrimary;
    }

    static void servedBy(ReplicaServer replica) {
        Attempt attempt = CURRENT.get();
        if (attempt != null) {
            attempt.servedBy = replica;
        }
    }

    /**
     * Whether {@code failure} is the connection's end rather than the query's: SQLState class 08 (connection
     * exception: the socket broke, or the connection was already closed) or the server shutting down under it.
     * Not a statement timeout (57014) or any other error a second server would answer the same way.
     */
    static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GONE.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
