/**
 * Nearby search: {@code GET /v1/search/nearby}. Every instance keeps the searchable businesses in memory as
 * immutable snapshots ({@code SearchState}), loaded at start-up and kept fresh by applying the change log in
 * order ({@code ChangeFeed}, the one owner of freshness). The quadtree answers from the snapshot; geohash and S2
 * answer from the cells of their covering, read through a local layer, the Redis view (kept up to date from the
 * log by one instance, {@code RedisViewMaintainer}) or memory, each copy used only when it is exact as of the
 * search's snapshot ({@code CellLayers}). A query keeps the exact haversine matches that pass the filters, orders
 * them by (distance, id) and pages with a signed keyset token.
 */
package dev.proximity.search;
