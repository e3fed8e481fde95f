package dev.proximity.account;

import java.time.Instant;

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

    @Test
    void theUniqueIndexHoldsForPlainSqlToo() {
        jdbc.update("INSERT INTO owner (id, email, password_hash, name) VALUES (1, 'Bo@Example.com', 'x', 'Bo')");
        assertThatThrownBy(() -> jdbc.update(
                "INSERT INTO owner (id, email, password_hash, name) VALUES (2, 'bo@example.COM', 'x', 'Bo')"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void differentEmailsAreFine() {
        owners.saveAndFlush(owner(1, "ana@example.com"));
        owners.saveAndFlush(owner(2, "ana2@example.com"));
        assertThat(owners.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana@Example.com", "ana@example.com", "ANA@EXAMPLE.COM"})
    void findsAnOwnerByEmailWhateverItsCase(String lookup) {
        owners.saveAndFlush(owner(1, "Ana@Example.com"));

        assertThat(owners.findByEmailIgnoreCase(lookup)).hasValueSatisfying(found -> {
            assertThat(found.id()).isEqualTo(1);
            assertThat(found.email()).isEqualTo("Ana@Example.com"); // stored as given
            assertThat(found.role()).isEqualTo(Role.OWNER);
            assertThat(found.createdAt()).isEqualTo(NOW);
        });
    }

    @Test
    void findsNothingForAnUnknownEmail() {
        owners.saveAndFlush(owner(1, "ana@example.com"));
        assertThat(owners.findByEmailIgnoreCase("bob@example.com")).isEmpty();
        assertThat(owners.findByEmailIgnoreCase("ana@example")).isEmpty();
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
