/**
 * Owners: registration, sign-in with signed bearer tokens (HMAC-SHA256 JWTs checked by Spring Security's
 * resource server; the signing key can be rotated, {@link dev.proximity.account.TokenKeys}), roles OWNER and
 * ADMIN, Argon2id password hashes (a bounded number computed at once), one canonical form of an e-mail
 * address for lookups, uniqueness and the sign-in limit ({@link dev.proximity.account.EmailKey}), and the
 * security rules of the API; plus the owner pages' sign-up and form sign-in, limited like the API's, whose
 * session (and only theirs) lives in Redis; and who the site header of every page shows as signed in.
 */
package dev.proximity.account;
