package dev.proximity.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "owner")
class Owner {

    @Id
    private Long id;

    /** As typed (white space at either end removed), for display. */
    @Column(nullable = false)
    private String email;

    /** {@link EmailKey} of {@link #email}: what lookups and the unique index use. */
    @Column(name = "email_key")
    private String emailKey;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Owner() {
    }

    Owner(long id, String email, String passwordHash, String name, Role role, Instant createdAt) {
        this.id = id;
        this.email = email;
        this.emailKey = EmailKey.of(email);
        this.passwordHash = passwordHash;
        this.name = name;
        this.role = role;
        this.createdAt = createdAt;
    }

    long id() {
        return id;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    String name() {
        return name;
    }

    Role role() {
        return role;
    }

    void changeRole(Role role) {
        this.role = role;
    }

    Instant createdAt() {
        return createdAt;
    }
}
