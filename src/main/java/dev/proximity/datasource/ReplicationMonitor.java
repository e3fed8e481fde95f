package dev.proximity.datasource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Probes the primary and every replica each {@code proximity.replica-check-interval} over their own
 * one-connection pools (so a busy traffic pool never looks like an outage): the primary's reachability and
 * {@code pg_current_wal_lsn()}, each replica's reachability and {@code pg_last_wal_replay_lsn()}. A replica
 * whose {@link ReplicationLag} exceeds {@code proximity.replica-max-lag} leaves the rotation and returns when
 * it has caught up. Publishes {@code proximity.replica.lag} (seconds, tag {@code replica} = the index in
 * {@code proximity.replicas[i]}) and {@code proximity.replica.in-rotation}.
 */
final class ReplicationMonitor implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicationMonitor.class);

    private final PrimaryServer primary;
    private final HikariDataSource primaryProbe;
    private final ReplicaSet replicas;
    private final Duration maxLag;
    private final Duration interval;
    private final ReplicationLag lag = new ReplicationLag();
    private volatile ScheduledExecutorService scheduler;

    ReplicationMonitor(PrimaryServer primary, HikariDataSource primaryProbe, ReplicaSet replicas,
            ReplicaProperties properties, MeterRegistry meters) {
        this.primary = primary;
        this.primaryProbe = primaryProbe;
        this.replicas = replicas;
        this.maxLag = properties.replicaMaxLag();
        this.interval = properties.replicaCheckInterval();
        if (meters != null) {
            for (ReplicaServer replica : replicas.all()) {
                String tag = Integer.toString(replica.index());
                Gauge.builder("proximity.replica.lag", replica, ReplicaServer::lagSeconds)
                        .description("How long ago the primary had data this replica has not replayed yet")
                        .baseUnit("seconds").tag("replica", tag).register(meters);
                Gauge.builder("proximity.replica.in-rotation", replica, r -> r.inRotation() ? 1 : 0)
                        .description("1 while the replica serves reads").tag("replica", tag).register(meters);
            }
        }
    }

    /** One round of probes; the first runs before the app takes traffic. */
    void check() {
        checkPrimary();
        for (ReplicaServer replica : replicas.all()) {
            checkReplica(replica);
        }
    }

    private void checkPrimary() {
        long now = System.nanoTime();
        try (Connection c = primaryProbe.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            lag.primaryAt(WalPosition.parse(rs.getString(1)), now);
            if (!primary.reachable()) {
                log.info("The primary database is reachable again");
            }
            primary.reachable(true);
        } catch (SQLException | RuntimeException e) {
            if (primary.reachable()) {
                log.warn("The primary database is unreachable; writes fail fast until it is back: {}",
                        e.getClass().getSimpleName());
            }
            primary.reachable(false);
        }
    }

    private void checkReplica(ReplicaServer replica) {
        ReplicaServer.State before = replica.state();
        try (Connection c = replica.probeConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")) {
            rs.next();
            long replayed = WalPosition.parse(rs.getString(2));
            if (!rs.getBoolean(1) || replayed < 0) {
                replica.checked(ReplicaServer.State.DOWN, null); // promoted, or not a standby at all
            } else {
                Duration behind = lag.of(replayed, System.nanoTime());
                replica.checked(behind.compareTo(maxLag) <= 0 ? ReplicaServer.State.UP
                        : ReplicaServer.State.LAGGING, behind);
            }
        } catch (SQLException | RuntimeException e) {
            replica.checked(ReplicaServer.State.DOWN, null);
        }
        if (replica.state() != before) {
            log.info("Replica {} is now {}{}", replica.index(), replica.state(),
                    replica.inRotation() ? " (serving reads)" : " (out of the read rotation)");
        }
    }

    PrimaryServer primary() {
        return primary;
    }

    ReplicaSet replicas() {
        return replicas;
    }

    Duration maxLag() {
        return maxLag;
    }

    @Override
    public void start() {
        check();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "replication-monitor");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::checkQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.error("Replication check failed", e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler = null;
    }

    @Override
    public void close() {
        stop();
        primaryProbe.close();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Starts before the web server takes traffic and stops after it has drained. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
