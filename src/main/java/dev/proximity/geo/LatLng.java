package dev.proximity.geo;

/**
 * A point on the sphere in decimal degrees (WGS84 coordinates treated as spherical).
 *
 * <p>Valid ranges: {@code latDegrees} in [-90, 90] and {@code lngDegrees} in [-180, 180], both finite. Both
 * longitudes -180 and +180 are accepted and name the same meridian; every distance in this package treats them
 * as equal. At a pole every longitude names the same physical point, so {@code (90, 0)} and {@code (90, 120)} are
 * zero metres apart. The record is immutable and therefore thread-safe.
 *
 * <pre>{@code
 * LatLng zurich = LatLng.ofDegrees(47.3769, 8.5417);
 * }</pre>
 *
 * @param latDegrees latitude in degrees, -90 (south pole) to 90 (north pole)
 * @param lngDegrees longitude in degrees, -180 to 180 inclusive
 */
public record LatLng(double latDegrees, double lngDegrees) {

    public LatLng {
        if (!(latDegrees >= -90.0 && latDegrees <= 90.0)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90] degrees: " + latDegrees);
        }
        if (!(lngDegrees >= -180.0 && lngDegrees <= 180.0)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180] degrees: " + lngDegrees);
        }
    }

    /** Returns the point at the given latitude and longitude in degrees; throws if either is out of range. */
    public static LatLng ofDegrees(double latDegrees, double lngDegrees) {
        return new LatLng(latDegrees, lngDegrees);
    }

    /** Returns {@code true} if both coordinates are within range, so {@link #ofDegrees} would accept them. */
    public static boolean isValid(double latDegrees, double lngDegrees) {
        return latDegrees >= -90.0 && latDegrees <= 90.0 && lngDegrees >= -180.0 && lngDegrees <= 180.0;
    }
}
