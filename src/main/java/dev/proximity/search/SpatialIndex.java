package dev.proximity.search;

import dev.proximity.geo.LatLng;

/**
 * One {@link IndexType} over one {@link Generation}: offers every business within the circle to {@link Matches}
 * with its exact haversine distance and a handle ({@code >= 0}: a base row, {@code < 0}: an overlay entry).
 */
interface SpatialIndex {

    void collect(LatLng center, double radiusMeters, Matches matches);
}
