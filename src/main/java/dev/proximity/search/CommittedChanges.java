package dev.proximity.search;

import java.time.Duration;

import dev.proximity.business.BusinessChanged;
import dev.proximity.business.BusinessesImported;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The writer's part after its commit: wake every instance's {@link ChangeFeed} (a message on
 * {@link LogWakeups#CHANNEL}; losing it costs one poll interval), then wait until this instance has applied the
 * write, so the writer's next search here sees it. The write is committed either way: a wait that runs out is
 * logged, never an error.
 */
@Component
class CommittedChanges {

    private static final Logger log = LoggerFactory.getLogger(CommittedChanges.class);

    private final ChangeFeed feed;
    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    private final Duration writeWait;
    private final Duration importWait;

    CommittedChanges(ChangeFeed feed, StringRedisTemplate redis, CircuitBreakerRegistry breakers,
            SearchProperties properties) {
        this.feed = feed;
        this.redis = redis;
        this.breaker = breakers.circuitBreaker("redis");
        this.writeWait = properties.changes().writeWait();
        this.importWait = properties.changes().importWait();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onChanged(BusinessChanged event) {
        committed(event.position(), writeWait);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onImported(BusinessesImported event) {
        committed(event.position(), importWait);
    }

    private void committed(long position, Duration wait) {
        try {
            breaker.executeRunnable(() -> redis.convertAndSend(LogWakeups.CHANNEL, Long.toString(position)));
        } catch (RuntimeException e) {
            log.debug("No wake-up for change log position {} ({}); other instances poll", position, e.toString());
        }
        if (!feed.awaitApplied(position, wait)) {
            log.warn("Change log position {} was not applied to this instance's search within {} ms", position,
                    wait.toMillis());
        }
    }
}
