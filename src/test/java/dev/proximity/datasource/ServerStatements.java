package dev.proximity.datasource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Direct SQL against one embedded server (primary or replica), bypassing the app: how often it ran a given
 * statement ({@code pg_stat_statements}, counted by the server that executed it), and replay control.
 */
final class ServerStatements {

    /** Hibernate's SQL for {@code findById} on the business table. */
    static final String BUSINESS_BY_ID = "%from business b1_0 where b1_0.id=%";
    /** Hibernate's SQL for an owner's listing. */
    static final String BUSINESSES_BY_OWNER = "%from business b1_0 where b1_0.owner_id=%";
    static final String BUSINESS_INSERT = "insert into business %";

    private final String jdbcUrl;

    ServerStatements(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Executions of statements whose text matches the LIKE {@code pattern}, on this server only. */
    long calls(String pattern) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query ILIKE ?")) {
            s.setString(1, pattern);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String queryString(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }
}
