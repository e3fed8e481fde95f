package dev.proximity.account;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface OwnerRepository extends JpaRepository<Owner, Long> {

    /** The owner whose {@link EmailKey} this is (the unique index on {@code email_key}). */
    Optional<Owner> findByEmailKey(String emailKey);

    /** The owner registered with this address in any form that has the same {@link EmailKey}. */
    default Optional<Owner> findByEmail(String email) {
        return findByEmailKey(EmailKey.of(email));
    }
}
