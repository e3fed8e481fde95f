/**
 * Pure-Java spherical geometry for nearby search: {@link dev.proximity.geo.LatLng} points, great-circle
 * distances ({@link dev.proximity.geo.Haversine}), search-circle bounds that split at the antimeridian and turn
 * into polar caps ({@link dev.proximity.geo.BoundingBox}), and one small {@link dev.proximity.geo.PointIndex}
 * contract implemented by a geohash, a quadtree and an S2 index in the sub-packages. Nothing here depends on Spring,
 * Jakarta, JDBC or Redis (enforced by {@code ArchitectureTests}); the search feature wraps these types as beans.
 */
package dev.proximity.geo;
