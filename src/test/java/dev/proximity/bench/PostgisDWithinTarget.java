package dev.proximity.bench;

import java.io.IOException;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * The same search in PostGIS, over JDBC on one connection per worker: the businesses within the radius, nearest
 * first, ties by id, at most {@code limit}, each row read in full (id, name, category, position, distance), which
 * is what a search endpoint built on PostGIS would fetch. Distances on the sphere ({@code use_spheroid = false}),
 * the model of the app and of Redis GEO; the GiST index on the geography column serves {@code ST_DWithin}.
 * The statement is prepared once per connection (the driver makes it a server-side prepared statement after
 * its first uses), so the figure is the query's cost and not its parsing.
 */
final class PostgisDWithinTarget implements LoadTarget {

    static final String SQL = """
            SELECT id, name, category, ST_Y(location::geometry) AS latitude, ST_X(location::geometry) AS longitude,
                   ST_Distance(location, q.point, false) AS distance
            FROM businesses, (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS point) q
            WHERE ST_DWithin(location, q.point, ?, false)
            ORDER BY distance, id
            LIMIT ?""";

    private final String jdbcUrl;
    private final int limit;
    private double[] lat;
    private double[] lng;
    private double[] radiusMeters;

    PostgisDWithinTarget(String jdbcUrl, int limit) {
        this.jdbcUrl = jdbcUrl;
        this.limit = limit;
    }

    @Override
    public void prepare(LoadQueries queries) {
        lat = new double[queries.size()];
        lng = new double[queries.size()];
        radiusMeters = new double[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            lat[i] = Double.parseDouble(queries.lat().get(i));
            lng[i] = Double.parseDouble(queries.lng().get(i));
            radiusMeters[i] = Double.parseDouble(queries.radiusMeters().get(i));
        }
    }

    @Override
    public Connection open() throws IOException {
        try {
            java.sql.Connection db = DriverManager.getConnection(jdbcUrl);
            PreparedStatement search = db.prepareStatement(SQL);
            return new Connection() {
                @Override
                public boolean query(int index) throws IOException {
                    try {
                        search.setDouble(1, lng[index]);
                        search.setDouble(2, lat[index]);
                        search.setDouble(3, radiusMeters[index]);
                        search.setInt(4, limit);
                        try (ResultSet rows = search.executeQuery()) {
                            while (rows.next()) {
                                rows.getLong(1);
                                rows.getString(2);
                                rows.getString(3);
                                rows.getDouble(4);
                                rows.getDouble(5);
                                rows.getDouble(6);
                            }
                        }
                        return true;
                    } catch (SQLTransientException e) {
                        return false;
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }

                @Override
                public void close() throws IOException {
                    try {
                        db.close();
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }
            };
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}
