package dev.proximity.account;

import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import dev.proximity.embedded.EmbeddedDatabaseForTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Import(EmbeddedDatabaseForTests.class)
class OwnerRepositoryTests {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Autowired
    private OwnerRepository owners;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    private static Owner owner(long id, String email) {
        return new Owner(id, email, "{argon2}not-a-real-hash", "Owner " + id, Role.OWNER, NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ANA@EXAMPLE.COM", "Ana@Example.com", "ana@example.COM"})
    void anEmailDifferingOnlyInCaseIsRejectedByTheDatabase(String sameEmail) {
        owners.saveAndFlush(owner(1, "ana@example.com"));

        assertThatThrownBy(() -> owners.saveAndFlush(owner(2, sameEmail)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("owner_email_key");
    }

    /** The attack of issue #20: the same address in full-width letters, or with a trailing U+3000. */
    @ParameterizedTest
    @ValueSource(strings = {"\uff41\uff4e\uff41@example.com", "ana@example.com\u3000", "\uff21NA@\uff25xample.com"})
    void anEmailInAnotherUnicodeFormIsRejectedByTheDatabase(String sameEmail) {
        owners.saveAndFlush(owner(1, "ana@example.com"));

        assertThatThrownBy(() -> owners.saveAndFlush(owner(2, sameEmail)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("owner_email_key");
    }

    @Test
    void theUniqueIndexHoldsForPlainSqlToo() {
        jdbc.update("INSERT INTO owner (id, email, email_key, password_hash, name)"
                + " VALUES (1, 'Bo@Example.com', 'bo@example.com', 'x', 'Bo')");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO owner (id, email, email_key, password_hash, name)"
                + " VALUES (2, 'bo@example.COM', 'bo@example.com', 'x', 'Bo')"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void differentEmailsAreFine() {
        owners.saveAndFlush(owner(1, "ana@example.com"));
        owners.saveAndFlush(owner(2, "ana2@example.com"));
        assertThat(owners.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana@Example.com", "ana@example.com", "ANA@EXAMPLE.COM", " ana@example.com\u3000",
            "\uff41\uff4e\uff41@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.\uff43\uff4f\uff4d",
            "\u00a0Ana@Example.com"})
    void findsAnOwnerByEmailWhateverItsCaseOrUnicodeForm(String lookup) {
        owners.saveAndFlush(owner(1, "Ana@Example.com"));

        assertThat(owners.findByEmail(lookup)).hasValueSatisfying(found -> {
            assertThat(found.id()).isEqualTo(1);
            assertThat(found.email()).isEqualTo("Ana@Example.com"); // stored as given
            assertThat(found.role()).isEqualTo(Role.OWNER);
            assertThat(found.createdAt()).isEqualTo(NOW);
        });
    }

    @Test
    void findsNothingForAnUnknownEmail() {
        owners.saveAndFlush(owner(1, "ana@example.com"));
        assertThat(owners.findByEmail("bob@example.com")).isEmpty();
        assertThat(owners.findByEmail("ana@example")).isEmpty();
    }

    /**
     * Rows from before the e-mail key (V6 added the column empty) get it from migration 7, oldest first; of
     * two rows the old rule told apart but the key does not, the younger is left without one (and logged).
     */
    @Test
    void theMigrationKeysExistingRowsAndLeavesAYoungerDuplicateWithout() throws SQLException {
        String legacy = "INSERT INTO owner (id, email, password_hash, name, created_at) VALUES (?, ?, 'x', 'Old', ?)";
        jdbc.update(legacy, 11, "\uff41\uff4e\uff41@example.com", java.sql.Timestamp.from(NOW.plusSeconds(60)));
        jdbc.update(legacy, 12, "Ana@Example.com", java.sql.Timestamp.from(NOW));
        jdbc.update(legacy, 13, "Bo@Example.com", java.sql.Timestamp.from(NOW.plusSeconds(120)));

        assertThat(OwnerEmailKeys.backfill(DataSourceUtils.getConnection(dataSource))).isEqualTo(2);

        assertThat(jdbc.query("SELECT id, email_key FROM owner ORDER BY id",
                (row, n) -> row.getLong(1) + " " + row.getString(2)))
                .containsExactly("11 null", "12 ana@example.com", "13 bo@example.com");
        assertThat(owners.findByEmail("ANA@example.com\u3000")).map(Owner::id).contains(12L);
        assertThat(OwnerEmailKeys.backfill(DataSourceUtils.getConnection(dataSource))).as("once is enough")
                .isZero();
    }

    @Test
    void theRoleIsStoredByName() {
        Owner admin = new Owner(3, "root@example.com", "x", "Root", Role.ADMIN, NOW);
        owners.saveAndFlush(admin);
        assertThat(jdbc.queryForObject("SELECT role FROM owner WHERE id = 3", String.class)).isEqualTo("ADMIN");
    }

    @Test
    void theDatabaseRejectsAnUnknownRole() {
        assertThatThrownBy(() -> jdbc.update(
                "INSERT INTO owner (id, email, password_hash, name, role) VALUES (4, 'x@example.com', 'x', 'X', 'ROOT')"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
