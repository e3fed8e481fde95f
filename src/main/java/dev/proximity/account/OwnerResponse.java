package dev.proximity.account;

import java.time.Instant;

import dev.proximity.system.Ids;

/** An owner as the API shows it: never the password hash. */
record OwnerResponse(String id, String email, String name, Role role, Instant createdAt) {

    static OwnerResponse of(Owner owner) {
        return new OwnerResponse(Ids.format(owner.id()), owner.email(), owner.name(), owner.role(),
                owner.createdAt());
    }
}
