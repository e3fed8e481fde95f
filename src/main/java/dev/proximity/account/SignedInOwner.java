package dev.proximity.account;

import java.io.Serializable;

/**
 * Who is signed in to an owner pages session, as the site header names them; kept in the session next to the
 * security context (whose principal carries only the id) so that no page has to ask the database for it.
 */
record SignedInOwner(String name, String email) implements Serializable {

    /** The session attribute it is kept under. */
    static final String ATTRIBUTE = SignedInOwner.class.getName();

    static SignedInOwner of(OwnerResponse owner) {
        return new SignedInOwner(owner.name(), owner.email());
    }
}
