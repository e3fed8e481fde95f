package dev.proximity.geo;

/**
 * One search hit: a point id and its {@link Haversine} distance in metres from the query centre.
 *
 * @param id the point (business) id
 * @param distanceMeters great-circle distance from the centre in metres, {@code >= 0}
 */
public record Neighbor(long id, double distanceMeters) {
}
