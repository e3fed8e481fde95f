package dev.proximity.account;

/** What an owner may do: OWNER manages their own businesses, ADMIN manages every business. */
public enum Role {
    OWNER, ADMIN
}
