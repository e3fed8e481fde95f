package dev.proximity.datasource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured replicas; hands out connections round robin over those in the rotation. */
final class ReplicaSet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaSet.class);

    private final List<ReplicaServer> replicas;
    private final AtomicInteger next = new AtomicInteger();

    ReplicaSet(List<ReplicaServer> replicas) {
        this.replicas = List.copyOf(replicas);
    }

    List<ReplicaServer> all() {
        return replicas;
    }

    boolean isEmpty() {
        return replicas.isEmpty();
    }

    boolean anyInRotation() {
        return replicas.stream().anyMatch(ReplicaServer::inRotation);
    }

    /**
     * A connection to the next replica in the rotation; a replica that refuses leaves the rotation and the
     * next one is tried. {@code null} when none is usable: the caller reads from the primary.
     */
    Connection connection() {
        int size = replicas.size();
        if (size == 0) {
            return null;
        }
        int start = Math.floorMod(next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            ReplicaServer replica = replicas.get((start + i) % size);
            if (!replica.inRotation()) {
                continue;
            }
            try {
                Connection connection = replica.connection();
                ReplicaReads.servedBy(replica);
                return connection;
            } catch (SQLException e) {
                log.warn("Replica {} gave no connection (refused, or none free within "
                        + "proximity.replica-connection-timeout), leaving the rotation: {}", replica.index(),
                        e.getClass().getSimpleName());
                replica.failed();
            }
        }
        return null;
    }

    @Override
    public void close() {
        replicas.forEach(ReplicaServer::close);
    }
}
