package dev.proximity.business;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Prunes change log entries older than {@code proximity.change-log.retention}, every prune interval. */
@Component
class ChangeLogRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogRetention.class);
    private static final String PRUNE = "DELETE FROM business_change WHERE committed_at < clock_timestamp() - ?::interval";

    private final JdbcTemplate jdbc;
    private final ChangeLogProperties properties;
    private volatile ScheduledExecutorService scheduler;

    ChangeLogRetention(DataSource dataSource, ChangeLogProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.properties = properties;
    }

    /** Deletes the entries past the retention; returns how many. */
    int prune() {
        return jdbc.update(PRUNE, properties.retention().toMillis() + " milliseconds");
    }

    private void pruneQuietly() {
        try {
            int pruned = prune();
            if (pruned > 0) {
                log.info("Pruned {} change log entries older than {}", pruned, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Could not prune the change log ({}); retrying in {}", e.getClass().getSimpleName(),
                    properties.pruneInterval());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "change-log-retention");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pruneInterval().toMillis();
        // a random first delay, so instances started together do not all prune at once
        executor.scheduleWithFixedDelay(this::pruneQuietly, ThreadLocalRandom.current().nextLong(interval) + 1,
                interval, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
