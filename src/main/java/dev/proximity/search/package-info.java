/**
 * Nearby search: {@code GET /v1/search/nearby}. Every instance keeps the searchable businesses in memory (loaded
 * from the database at start-up, kept fresh from {@code BusinessChanged} and {@code BusinessesImported} after
 * commit) with one geohash, one S2 and one quadtree index; a query takes candidates from the chosen index, keeps
 * the exact haversine matches that pass the filters, orders them by (distance, id) and pages with a signed
 * keyset token.
 */
package dev.proximity.search;
