package dev.proximity.datasource;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * Read-only transactions get a replica connection, everything else a primary one (see
 * {@link DataSourceRole#forCurrentTransaction()}). It decides when the connection is fetched, which
 * {@link org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy} delays until the transaction's
 * read-only flag is known. Not an {@code AbstractRoutingDataSource}: a lookup key cannot express "skip a
 * replica that refuses and take the next one, else the primary", nor "fail at once while the primary is down".
 * A read whose replica connection breaks after it was handed out is retried by {@link ReplicaReadRetry}.
 */
public class ReplicaRoutingDataSource extends AbstractDataSource {

    private final PrimaryServer primary;
    private final ReplicaSet replicas;

    ReplicaRoutingDataSource(PrimaryServer primary, ReplicaSet replicas) {
        this.primary = primary;
        this.replicas = replicas;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (replicas.anyInRotation() && DataSourceRole.forCurrentTransaction() == DataSourceRole.REPLICA) {
            Connection replica = replicas.connection();
            if (replica != null) {
                return replica;
            }
        }
        return primary.connection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new UnsupportedOperationException("The routing data source uses the configured credentials");
    }
}
