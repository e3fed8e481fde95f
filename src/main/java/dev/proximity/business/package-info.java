/**
 * Businesses and their owners' write API: create, read, replace and delete with ownership checks,
 * optimistic locking ({@code ETag}/{@code If-Match}), safe retries ({@code Idempotency-Key}), and the
 * derived cell ids (geohash, S2 leaf) stored on every write. Publishes {@link BusinessChanged} after commit.
 * The owner pages ({@code /owner/businesses/**}) drive the same service through forms.
 */
package dev.proximity.business;
