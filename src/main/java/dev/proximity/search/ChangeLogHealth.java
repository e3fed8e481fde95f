package dev.proximity.search;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * How fresh this instance's search is, as the {@code changeLog} health component and as metrics: the applied
 * log position, the head last seen, the lag (how long since this instance last had the whole log applied), the
 * Redis view's position when this instance maintains it. DOWN when the log could not be read for
 * {@link #STALE_AFTER}: answers may then miss changes made since.
 */
@Component("changeLogHealthIndicator")
class ChangeLogHealth implements HealthIndicator, MeterBinder {

    static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private final ChangeFeed feed;
    private final LogWakeups wakeups;
    private final RedisViewMaintainer maintainer;

    ChangeLogHealth(ChangeFeed feed, LogWakeups wakeups, ObjectProvider<RedisViewMaintainer> maintainer) {
        this.feed = feed;
        this.wakeups = wakeups;
        this.maintainer = maintainer.getIfAvailable();
    }

    @Override
    public Health health() {
        long sinceRead = System.currentTimeMillis() - feed.lastReadAtMillis();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("appliedPosition", feed.appliedPosition());
        details.put("headPosition", feed.headPosition());
        details.put("lagMillis", feed.lag().toMillis());
        details.put("lastReadMillisAgo", sinceRead);
        details.put("wakeupsSubscribed", wakeups.subscribed());
        details.put("reloads", feed.reloads());
        if (maintainer != null) {
            details.put("maintainsRedisView", maintainer.holder());
            long viewPosition = maintainer.viewPosition();
            if (viewPosition >= 0) {
                details.put("redisViewPosition", viewPosition);
            }
        }
        Health.Builder health = sinceRead > STALE_AFTER.toMillis() ? Health.down() : Health.up();
        return health.withDetails(details).build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("proximity.changes.applied.position", feed, ChangeFeed::appliedPosition)
                .description("Change log position this instance's search reflects").register(registry);
        Gauge.builder("proximity.changes.head.position", feed, ChangeFeed::headPosition)
                .description("Change log head at this instance's last read").register(registry);
        Gauge.builder("proximity.changes.lag", feed, f -> f.lag().toMillis() / 1000.0).baseUnit("seconds")
                .description("How long since this instance last had the whole change log applied")
                .register(registry);
        FunctionCounter.builder("proximity.changes.reloads", feed, ChangeFeed::reloads)
                .description("Full reloads because the log no longer reached back to this instance's position")
                .register(registry);
        FunctionCounter.builder("proximity.changes.read.failures", feed, ChangeFeed::failures)
                .description("Failed reads of the change log").register(registry);
        if (maintainer != null) {
            Gauge.builder("proximity.view.position", maintainer,
                    RedisViewMaintainer::viewPosition)
                    .description("Change log position of the Redis view (its lowest partition's), as its maintainer "
                            + "last wrote or checked it (-1 when this instance never maintained it)")
                    .register(registry);
        }
    }
}
