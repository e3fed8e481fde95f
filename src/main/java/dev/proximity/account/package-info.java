/**
 * Owners: registration, sign-in with signed bearer tokens (HMAC-SHA256 JWTs checked by Spring Security's
 * resource server), roles OWNER and ADMIN, Argon2id password hashes, and the security rules of the API; plus
 * the owner pages' sign-up and form sign-in, whose session (and only theirs) lives in Redis; and who the site
 * header of every page shows as signed in.
 */
package dev.proximity.account;
