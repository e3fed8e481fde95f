package dev.proximity.datasource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code replicas} health component: the read path. UP while reads have a server, i.e. a replica in the
 * rotation or, failing that, the reachable primary; a replica that is down or lagging only shows in the
 * details, because reads fall back to the primary. DOWN only when neither a replica nor the primary can
 * serve reads. Readiness includes this component instead of {@code db} (the primary alone): an instance whose
 * primary is down still answers reads from the replicas (and writes with a quick 503), so it stays in the
 * load balancer.
 */
class ReplicasHealthIndicator implements HealthIndicator {

    private final ReplicationMonitor monitor;

    ReplicasHealthIndicator(ReplicationMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        ReplicaSet replicas = monitor.replicas();
        boolean primaryUp = monitor.primary().reachable();
        boolean replicaUp = replicas.anyInRotation();
        List<Map<String, Object>> each = replicas.all().stream().map(ReplicasHealthIndicator::describe).toList();
        Health.Builder health = replicaUp || primaryUp ? Health.up() : Health.down();
        return health.withDetail("readsFrom", replicaUp ? "replicas" : primaryUp ? "primary" : "none")
                .withDetail("primary", primaryUp ? "UP" : "DOWN")
                .withDetail("maxLagMillis", monitor.maxLag().toMillis())
                .withDetail("replicas", each)
                .build();
    }

    private static Map<String, Object> describe(ReplicaServer replica) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("index", replica.index());
        details.put("state", replica.state().name());
        details.put("inRotation", replica.inRotation());
        details.put("lagMillis", replica.lag() == null ? null : replica.lag().toMillis());
        return details;
    }
}
