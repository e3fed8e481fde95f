package dev.proximity.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.proximity.geo.LatLng;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cold cell is read by an index range scan even in the generic plan PostgreSQL switches a prepared statement
 * to after a few executions: a cell fill that fell back to a sequential scan took seconds on 1M businesses (and
 * hit the statement timeout) when geohash cells were read with {@code LIKE ?}; so did about 3,000 ORed ranges (a
 * 50 km circle at a pole), hence ranges passed as arrays beyond a few dozen cells. The plan is checked on a session
 * temporary table that shadows {@code business} (same columns and indexes, 200,000 random rows), so the shared
 * test database is left alone.
 */
@ApiIntegrationTest
class CellFillPlanTests {

    @Autowired
    @Qualifier("primaryDataSource")
    DataSource primary;

    @ParameterizedTest(name = "{0}, {3} m")
    @CsvSource({"GEOHASH, 48.85, 2.35, 5000", "GEOHASH, 37.56, 126.97, 50000", "GEOHASH, -33.9, 151.2, 300",
            "GEOHASH, 90, 0, 50000", "GEOHASH, -89.9, 133.6, 50000",
            "S2, 48.85, 2.35, 5000", "S2, 37.56, 126.97, 50000", "S2, -33.9, 151.2, 300", "S2, 90, 0, 50000"})
    void coldCellsAreReadThroughTheIndexInTheGenericPlan(IndexType index, double lat, double lng, double radius)
            throws Exception {
        long[] cells = new CellKeys(16).cover(index, LatLng.ofDegrees(lat, lng), radius);
        BusinessRowLoader.CellQuery query = BusinessRowLoader.CellQuery.of(cells);
        try (Connection connection = primary.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE business (LIKE public.business INCLUDING DEFAULTS"
                        + " INCLUDING INDEXES) ON COMMIT DROP");
                statement.execute("INSERT INTO business (id, owner_id, name, category, latitude, longitude, geohash,"
                        + " s2_cell, version, created_at, updated_at)"
                        + " SELECT g, 1, 'b' || g, 'cafe', 0, 0,"
                        + " (SELECT string_agg(substr('0123456789bcdefghjkmnpqrstuvwxyz', (random() * 31)::int + 1,"
                        + " 1), '') FROM generate_series(1, 12) WHERE g > 0),"
                        + " (random() * 9.2e18)::bigint - (random() * 9.2e18)::bigint, 1, now(), now()"
                        + " FROM generate_series(1, 200000) g");
                statement.execute("ANALYZE business");
                statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement explain = query.bind(connection,
                    connection.prepareStatement("EXPLAIN " + query.sql()))) {
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            connection.rollback();
            assertThat(plan.toString()).as(query.sql()).contains("Index").doesNotContain("Seq Scan");
        }
    }

    @Test
    void thousandsOfCellsAreReadWithAStatementThatDoesNotGrowWithThem() {
        CellKeys keys = new CellKeys(16);
        long[] city = keys.cover(IndexType.GEOHASH, LatLng.ofDegrees(48.85, 2.35), 5000);
        long[] pole = keys.cover(IndexType.GEOHASH, LatLng.ofDegrees(90, 0), 50000);
        long[] nearPole = keys.cover(IndexType.GEOHASH, LatLng.ofDegrees(-89.9, 133.6), 20000);
        assertThat(pole.length).isGreaterThan(1000).isNotEqualTo(nearPole.length);
        assertThat(nearPole.length).isGreaterThan(BusinessRowLoader.CellQuery.MAX_ORED_RANGES);

        BusinessRowLoader.CellQuery poleQuery = BusinessRowLoader.CellQuery.of(pole);
        assertThat(poleQuery.sql()).isEqualTo(BusinessRowLoader.CellQuery.of(nearPole).sql()).contains("unnest");
        assertThat(poleQuery.args()).hasSize(2);
        assertThat(((BusinessRowLoader.CellQuery.ArrayArgument) poleQuery.args()[0]).elements()).hasSize(pole.length);
        assertThat(BusinessRowLoader.CellQuery.of(city).args()).hasSize(2 * city.length);
    }
}
