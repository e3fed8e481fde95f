package dev.proximity.search;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.business.BusinessChanged;
import dev.proximity.business.BusinessesImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every instance's search state fresh: after a business write commits, this instance publishes it on a
 * Redis channel, and every other instance re-reads that business from the primary and applies it. A message
 * carries ids only, never a location. Messages are applied one at a time in arrival order (on the
 * {@link ChangeSubscription} thread), and each re-reads the current row, so the last write wins on every instance.
 *
 * <p>Redis pub/sub delivers at most once: while this instance is not subscribed (Redis down, network cut, the
 * moments between the start-up load and the first subscription) it misses messages. So it catches up from the
 * database: every retry interval while the subscription is down, and once more when it is back, it re-reads
 * everything written or deleted since the last catch-up, minus a margin for clock skew between instances and
 * for transactions that commit after stamping {@code updated_at} (see {@link SearchIndexMaintainer#catchUp}).
 * Publishing failures never fail the write that caused them.
 */
@Component
class BusinessChangeRelay implements ChangeSubscription.Listener {

    static final String CHANNEL = "px:v1:business-changes";

    private static final Logger log = LoggerFactory.getLogger(BusinessChangeRelay.class);
    private static final int EPOCH_RENEWAL_ATTEMPTS = 12;
    private static final long EPOCH_RENEWAL_RETRY_MILLIS = 500;

    /**
     * What travels on the channel. {@code origin} lets an instance skip its own changes; {@code epoch}, when set,
     * is the cell cache's new Redis namespace (see {@link CellCache}).
     */
    record ChangeMessage(String origin, BusinessChanged changed, BusinessesImported imported, Long epoch) {
    }

    private final String origin = UUID.randomUUID().toString();
    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final SearchIndexMaintainer maintainer;
    private final Duration catchUpMargin;
    private final CellCache cells;
    private final AtomicBoolean publishFailing = new AtomicBoolean();
    private boolean subscribedBefore;
    /**
     * While not subscribed: every change committed before this instant is in the state (give or take the
     * margin). Null while subscribed. Only the subscription thread touches it.
     */
    private Instant caughtUpTo;

    BusinessChangeRelay(StringRedisTemplate redis, ObjectMapper json, SearchIndexMaintainer maintainer,
            SearchProperties properties, ObjectProvider<CellCache> cells) {
        this.cells = cells.getIfAvailable();
        this.redis = redis;
        this.json = json;
        this.maintainer = maintainer;
        this.catchUpMargin = properties.catchUpMargin();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Order(SearchIndexMaintainer.ORDER + 1)
    void publish(BusinessChanged event) {
        send(new ChangeMessage(origin, withoutLocations(event), null, null));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Order(SearchIndexMaintainer.ORDER + 1)
    void publish(BusinessesImported event) {
        send(new ChangeMessage(origin, null, event, cells == null ? null : cells.shared().epoch()));
    }

    /** Receivers re-read the row, so the message carries ids only. */
    private static BusinessChanged withoutLocations(BusinessChanged event) {
        return new BusinessChanged(event.businessId(), event.type(), null, null);
    }

    private void send(ChangeMessage message) {
        try {
            redis.convertAndSend(CHANNEL, json.writeValueAsString(message));
            if (publishFailing.compareAndSet(true, false)) {
                log.info("Publishing business changes to other instances works again");
            }
        } catch (RuntimeException | JsonProcessingException e) {
            if (publishFailing.compareAndSet(false, true)) {
                log.warn("Cannot publish business changes to other instances ({}); they catch up from the "
                        + "database when their subscription is back", e.getClass().getSimpleName());
            }
        }
    }

    /** Catches up with what was missed, then relies on the messages again. */
    @Override
    public void onSubscribed() {
        Instant since = caughtUpTo != null ? caughtUpTo : maintainer.loadedSince();
        maintainer.catchUp(since.minus(catchUpMargin));
        caughtUpTo = null;
        if (cells != null) {
            // after an outage Redis may hold cells that missed evictions: everyone moves to a new namespace
            boolean epochCurrent = subscribedBefore ? renewEpochPatiently() : cells.shared().loadEpoch();
            if (!epochCurrent) {
                cells.markEpochStale();
            }
            cells.sharedUsable(true);
        }
        subscribedBefore = true;
    }

    /**
     * Right after an outage the Redis circuit breaker may still be open (rate limiting shares it and kept
     * failing meanwhile), so the renewal is retried for a few seconds rather than left to the next cell fill.
     */
    private boolean renewEpochPatiently() {
        for (int attempt = 1; ; attempt++) {
            if (cells.renewEpoch()) {
                return true;
            }
            if (attempt == EPOCH_RENEWAL_ATTEMPTS) {
                return false;
            }
            try {
                Thread.sleep(EPOCH_RENEWAL_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Called after every failed attempt to subscribe, so also every retry interval while Redis is down: reads
     * what was written meanwhile from the database, so this instance's search stays fresh without the channel.
     */
    @Override
    public void onDisconnected() {
        Instant started = Instant.now(); // wall clock: updated_at is too, and tests may fix the Clock bean
        if (cells != null) {
            cells.sharedUsable(false);
        }
        if (caughtUpTo == null) {
            caughtUpTo = started;
            return;
        }
        maintainer.catchUp(caughtUpTo.minus(catchUpMargin));
        caughtUpTo = started;
    }

    @Override
    public void onMessage(String message) {
        ChangeMessage change;
        try {
            change = json.readValue(message, ChangeMessage.class);
        } catch (JsonProcessingException e) {
            log.warn("Ignoring an unreadable message on {}", CHANNEL);
            return;
        }
        if (change.epoch() != null && cells != null && cells.shared().adoptEpoch(change.epoch())) {
            cells.invalidateAll(); // filled from the abandoned namespace, which may have missed evictions
        }
        if (origin.equals(change.origin())) {
            return; // applied in the writer's thread already
        }
        if (change.changed() != null) {
            maintainer.apply(change.changed());
        }
        if (change.imported() != null) {
            maintainer.apply(change.imported());
        }
    }
}
