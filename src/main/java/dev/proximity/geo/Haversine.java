package dev.proximity.geo;

/**
 * Great-circle distance on a sphere of radius {@link #EARTH_RADIUS_METERS} (the IUGG mean Earth radius, the
 * same sphere PostGIS {@code geography} uses with {@code use_spheroid = false}).
 *
 * <p>The haversine form stays accurate for tiny distances (a 1 m circle is resolved to well under a millimetre),
 * unlike the spherical law of cosines. Longitudes -180 and +180 are the same meridian (distance 0), and every
 * longitude at a pole is the same point. Errors against the WGS84 ellipsoid are up to about 0.5 %, which does not
 * matter for "nearby" ranking but is why every index and oracle in this project uses this one function. Stateless
 * and thread-safe.
 *
 * <pre>{@code
 * double meters = Haversine.distanceMeters(LatLng.ofDegrees(0, 179.999), LatLng.ofDegrees(0, -179.999)); // ~222.4
 * }</pre>
 */
public final class Haversine {

    /** Mean Earth radius in metres (IUGG), the radius of the sphere every distance in {@code geo} is measured on. */
    public static final double EARTH_RADIUS_METERS = 6_371_008.8;

    private Haversine() {
    }

    /** Returns the great-circle distance in metres between {@code a} and {@code b}, in [0, pi * R]. */
    public static double distanceMeters(LatLng a, LatLng b) {
        return distanceMeters(a.latDegrees(), a.lngDegrees(), b.latDegrees(), b.lngDegrees());
    }

    /**
     * Returns the great-circle distance in metres between two points given in degrees. The arguments are not
     * validated (the hot paths of the indexes call this with stored, already validated coordinates).
     */
    public static double distanceMeters(double lat1Degrees, double lng1Degrees, double lat2Degrees,
            double lng2Degrees) {
        return distanceMeters(lat1Degrees, lng1Degrees, cosLatitude(lat1Degrees), lat2Degrees, lng2Degrees);
    }

    /**
     * The same as {@link #distanceMeters(double, double, double, double)}, bit for bit, with the first point's
     * {@link #cosLatitude} computed by the caller: a query that measures many points from one centre computes it
     * once.
     */
    public static double distanceMeters(double lat1Degrees, double lng1Degrees, double cosLat1,
            double lat2Degrees, double lng2Degrees) {
        double deltaLng = lng2Degrees - lng1Degrees;
        if (deltaLng > 180.0) { // +-180 are one meridian: make their difference exactly 0, not sin(pi) ~ 1e-16
            deltaLng -= 360.0;
        } else if (deltaLng < -180.0) {
            deltaLng += 360.0;
        }
        // nearby points have small half-deltas, which SmallAngleTrig evaluates in Java (StrictMath's values)
        double sinHalfDeltaLat = SmallAngleTrig.sin(Math.toRadians(lat2Degrees - lat1Degrees) * 0.5);
        double sinHalfDeltaLng = SmallAngleTrig.sin(Math.toRadians(deltaLng) * 0.5);
        double h = sinHalfDeltaLat * sinHalfDeltaLat
                + cosLat1 * cosLatitude(lat2Degrees) * sinHalfDeltaLng * sinHalfDeltaLng;
        return 2.0 * EARTH_RADIUS_METERS * SmallAngleTrig.asin(Math.min(1.0, Math.sqrt(h)));
    }

    /**
     * Returns {@code cos(latitude)}, exactly 0 at +-90 degrees ({@code Math.cos(Math.toRadians(90))} is 6e-17), so
     * that all longitudes at a pole are the same point, at distance exactly 0 from each other.
     */
    public static double cosLatitude(double latDegrees) {
        return Math.abs(latDegrees) == 90.0 ? 0.0 : Math.cos(Math.toRadians(latDegrees));
    }

    /** Converts a distance along the surface in metres to the central angle in radians. */
    public static double metersToRadians(double meters) {
        return meters / EARTH_RADIUS_METERS;
    }

    /** Converts a central angle in radians to the distance along the surface in metres. */
    public static double radiansToMeters(double radians) {
        return radians * EARTH_RADIUS_METERS;
    }
}
