package dev.proximity.account;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The owner pages' session store with two retries of a read or delete that hit a Redis connection failure or
 * timeout, and of a save that could not reach Redis. Redis calls time out after 200 ms (so the API never waits on it); a session cannot
 * fall back to anything, so a stall shorter than about half a second costs the page some latency rather
 * than a 503. A Redis that stays away still ends in the 503 page.
 */
final class ResilientSessionRepository<S extends Session> implements SessionRepository<S> {

    private static final Logger log = LoggerFactory.getLogger(ResilientSessionRepository.class);
    private static final int ATTEMPTS = 3;

    private final SessionRepository<S> delegate;

    ResilientSessionRepository(SessionRepository<S> delegate) {
        this.delegate = delegate;
    }

    @Override
    public S createSession() {
        return delegate.createSession(); // in memory until saved
    }

    /**
     * Retried only when Redis was not reached at all. After a timeout the save may have been applied: a save that
     * changes the session id renames the key, and repeating that rename fails with "Session was invalidated", a
     * 500 where the first attempt had in fact succeeded (sign-in makes a new session instead, but a session id
     * can still be changed through the servlet API).
     */
    @Override
    public void save(S session) {
        for (int attempt = 1; ; attempt++) {
            try {
                delegate.save(session);
                return;
            } catch (RedisConnectionFailureException e) {
                if (attempt == ATTEMPTS || mayHaveBeenApplied(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * A session that cannot be read (not the JSON {@link SessionJsonConfiguration} writes: Java serialization
     * planted by whoever could write to Redis, or a session of an older version) is no session: the visitor is
     * signed out, nothing in it is instantiated, and the request goes on.
     */
    @Override
    public S findById(String id) {
        try {
            return retrying(() -> delegate.findById(id));
        } catch (SerializationException e) {
            log.warn("An unreadable session in Redis was treated as absent ({})", e.getClass().getSimpleName());
            return null;
        }
    }

    @Override
    public void deleteById(String id) {
        retrying(() -> {
            delegate.deleteById(id);
            return null;
        });
    }

    /** The store itself, for a reader that would rather go without than wait ({@link OwnerSessionReader}). */
    SessionRepository<S> withoutRetries() {
        return delegate;
    }

    private static boolean mayHaveBeenApplied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static <T> T retrying(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RedisConnectionFailureException | QueryTimeoutException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
