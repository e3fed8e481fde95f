package dev.proximity.search;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.business.BusinessChanged;
import dev.proximity.business.BusinessesImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every instance's search state fresh: after a business write commits, this instance publishes it on a
 * Redis channel, and every other instance re-reads that business from the primary and applies it. A message
 * carries ids only, never a location. Messages are applied one at a time in arrival order (see
 * {@code SearchConfiguration}), and each re-reads the current row, so the last write wins on every instance.
 *
 * <p>Redis pub/sub delivers at most once: an instance that is disconnected while a change is published misses
 * it until its next start-up load. Publishing failures never fail the write that caused them.
 */
@Component
class BusinessChangeRelay implements MessageListener {

    static final String CHANNEL = "px:v1:business-changes";

    private static final Logger log = LoggerFactory.getLogger(BusinessChangeRelay.class);

    /** What travels on the channel. {@code origin} lets an instance skip its own messages. */
    record ChangeMessage(String origin, BusinessChanged changed, BusinessesImported imported) {
    }

    private final String origin = UUID.randomUUID().toString();
    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final SearchIndexMaintainer maintainer;
    private final AtomicBoolean publishFailing = new AtomicBoolean();

    BusinessChangeRelay(StringRedisTemplate redis, ObjectMapper json, SearchIndexMaintainer maintainer) {
        this.redis = redis;
        this.json = json;
        this.maintainer = maintainer;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void publish(BusinessChanged event) {
        send(new ChangeMessage(origin, withoutLocations(event), null));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void publish(BusinessesImported event) {
        send(new ChangeMessage(origin, null, event));
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
                log.warn("Cannot publish business changes to other instances ({}); they will see them at their "
                        + "next start-up load", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        ChangeMessage change;
        try {
            change = json.readValue(new String(message.getBody(), StandardCharsets.UTF_8), ChangeMessage.class);
        } catch (JsonProcessingException e) {
            log.warn("Ignoring an unreadable message on {}", CHANNEL);
            return;
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
