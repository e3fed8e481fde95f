package dev.proximity.account;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OwnerRepository extends JpaRepository<Owner, Long> {

    /** Uses the unique index on lower(email). */
    @Query("select o from Owner o where lower(o.email) = lower(:email)")
    Optional<Owner> findByEmailIgnoreCase(String email);
}
