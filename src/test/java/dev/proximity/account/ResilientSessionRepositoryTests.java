package dev.proximity.account;

import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which session-store failures are retried: never a save that Redis may already have applied. */
class ResilientSessionRepositoryTests {

    /** Fails the first {@code failures} calls of every kind with {@code failure}, then works. */
    static final class FlakyStore implements SessionRepository<MapSession> {
        final AtomicInteger saves = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final int failures;
        final RuntimeException failure;

        FlakyStore(int failures, RuntimeException failure) {
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public MapSession createSession() {
            return new MapSession();
        }

        @Override
        public void save(MapSession session) {
            if (saves.incrementAndGet() <= failures) {
                throw failure;
            }
        }

        @Override
        public MapSession findById(String id) {
            if (reads.incrementAndGet() <= failures) {
                throw failure;
            }
            return new MapSession(id);
        }

        @Override
        public void deleteById(String id) {
        }
    }

    @Test
    void aSaveThatNeverReachedRedisIsRetried() {
        FlakyStore store = new FlakyStore(2, new RedisConnectionFailureException("refused"));
        new ResilientSessionRepository<>(store).save(new MapSession());
        assertThat(store.saves).hasValue(3);
    }

    @Test
    void aSaveThatTimedOutIsNotRepeated() {
        RedisConnectionFailureException timedOut = new RedisConnectionFailureException("read timed out",
                new RuntimeException(new SocketTimeoutException("Read timed out")));
        FlakyStore store = new FlakyStore(1, timedOut);
        assertThatThrownBy(() -> new ResilientSessionRepository<>(store).save(new MapSession())).isSameAs(timedOut);
        assertThat(store.saves).hasValue(1);
    }

    @Test
    void readsAreRetriedAfterATimeoutToo() {
        RedisConnectionFailureException timedOut = new RedisConnectionFailureException("read timed out",
                new SocketTimeoutException("Read timed out"));
        FlakyStore store = new FlakyStore(2, timedOut);
        assertThat(new ResilientSessionRepository<>(store).findById("abc")).isNotNull();
        assertThat(store.reads).hasValue(3);
    }

    @Test
    void aStoreThatStaysAwayStillFails() {
        FlakyStore store = new FlakyStore(5, new RedisConnectionFailureException("refused"));
        assertThatThrownBy(() -> new ResilientSessionRepository<>(store).save(new MapSession()))
                .isInstanceOf(RedisConnectionFailureException.class);
        assertThat(store.saves).hasValue(3);
    }
}
