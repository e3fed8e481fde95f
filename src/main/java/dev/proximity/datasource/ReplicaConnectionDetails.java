package dev.proximity.datasource;

import java.util.List;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the read replicas are, when something other than {@code proximity.replicas[i].*} knows it (the
 * embedded mode's own replicas). A bean of this type replaces the configured list.
 */
public interface ReplicaConnectionDetails extends ConnectionDetails {

    List<ReplicaProperties.Replica> replicas();
}
