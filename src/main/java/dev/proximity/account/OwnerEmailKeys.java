package dev.proximity.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 7: gives every owner row that has none its {@link EmailKey} (the column comes from
 * {@code V6__owner_email_key.sql}). It is Java so that the key is computed by the very code that computes it
 * at sign-in. Boot's Flyway picks it up as a bean.
 *
 * <p>Two existing rows whose addresses have the same key (say {@code ana@example.com} and the same in
 * full-width letters, which the old rule let both register) cannot both have it: the older keeps the
 * address, the other keeps its row, businesses and a {@code NULL} key, so it can no longer sign in by
 * e-mail. Each such row is logged by id for an operator to settle.
 */
@Component
class OwnerEmailKeys implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(OwnerEmailKeys.class);

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "owner email keys";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        backfill(context.getConnection());
    }

    /** Keys every row without one, oldest first; returns how many rows were keyed. */
    static int backfill(Connection connection) throws SQLException {
        Set<String> taken = new HashSet<>();
        try (PreparedStatement keyed = connection.prepareStatement(
                "SELECT email_key FROM owner WHERE email_key IS NOT NULL");
                ResultSet rows = keyed.executeQuery()) {
            while (rows.next()) {
                taken.add(rows.getString(1));
            }
        }
        List<Long> clashes = new ArrayList<>();
        int count = 0;
        try (PreparedStatement unkeyed = connection.prepareStatement(
                "SELECT id, email FROM owner WHERE email_key IS NULL ORDER BY created_at, id");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE owner SET email_key = ? WHERE id = ?");
                ResultSet rows = unkeyed.executeQuery()) {
            while (rows.next()) {
                long id = rows.getLong(1);
                String key = EmailKey.of(rows.getString(2));
                if (!taken.add(key)) {
                    clashes.add(id);
                    continue;
                }
                update.setString(1, key);
                update.setLong(2, id);
                update.addBatch();
                count++;
            }
            update.executeBatch();
        }
        for (long clash : clashes) {
            log.warn("Owner {} has the same e-mail address as an older owner (in another Unicode form or case):"
                    + " left without an e-mail key, it cannot sign in until an operator changes its address",
                    clash);
        }
        return count;
    }
}
