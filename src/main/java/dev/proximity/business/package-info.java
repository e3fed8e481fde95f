/**
 * Businesses and their owners' write API: create, read, replace and delete with ownership checks,
 * optimistic locking ({@code ETag}/{@code If-Match}), safe retries ({@code Idempotency-Key}), and the
 * derived cell ids (geohash, S2 leaf) stored on every write. Every write transaction appends its entry to the
 * change log ({@code ChangeLog}) as its last statement, so search can follow every change in commit order;
 * {@link BusinessChanged} and {@link BusinessesImported} name the entry's position. Bulk imports run in their
 * request, or in the background as a job that any instance can report on ({@code BackgroundImports}).
 * The owner pages ({@code /owner/businesses/**}) drive the same service through forms.
 */
package dev.proximity.business;
