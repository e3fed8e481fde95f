package dev.proximity.geo;

import java.util.List;

/**
 * A latitude/longitude rectangle in degrees that never wraps: {@code minLngDegrees <= maxLngDegrees} always, so a
 * region crossing the antimeridian is expressed as two boxes (see {@link #around}). Both edges are inclusive.
 *
 * <p>{@link #around(LatLng, double)} returns the smallest boxes that contain a search circle (a spherical cap of
 * the given radius in metres, on the sphere of {@link Haversine#EARTH_RADIUS_METERS}):
 * <ul>
 *   <li>normally one box, whose half-width in longitude is {@code asin(sin(r) / cos(lat))}, the exact longitude
 *       extent of a cap of angular radius {@code r} (wider than {@code r} away from the equator);</li>
 *   <li>two boxes when that range crosses longitude +-180, one ending at +180 and one starting at -180, so points
 *       stored with either longitude of the antimeridian are inside;</li>
 *   <li>one <em>polar cap</em> spanning the full longitude range [-180, 180] when the circle reaches or contains a
 *       pole (a centre exactly at +-90 always gives a cap).</li>
 * </ul>
 * The boxes are padded by {@link #MARGIN_DEGREES} so that floating-point rounding can never exclude a point that
 * {@link Haversine#distanceMeters} puts inside the circle. Immutable and thread-safe.
 *
 * <pre>{@code
 * List<BoundingBox> boxes = BoundingBox.around(LatLng.ofDegrees(0, 179.999), 5_000); // two boxes
 * }</pre>
 *
 * @param minLatDegrees southern edge, in [-90, 90]
 * @param maxLatDegrees northern edge, in [minLatDegrees, 90]
 * @param minLngDegrees western edge, in [-180, 180]
 * @param maxLngDegrees eastern edge, in [minLngDegrees, 180]
 */
public record BoundingBox(double minLatDegrees, double maxLatDegrees, double minLngDegrees, double maxLngDegrees) {

    /** Padding added on every side by {@link #around}: 1e-7 degrees is about 1 cm, far above rounding error. */
    public static final double MARGIN_DEGREES = 1e-7;

    /** Largest accepted search radius: half the circumference, beyond which a circle covers the whole sphere. */
    public static final double MAX_RADIUS_METERS = Math.PI * Haversine.EARTH_RADIUS_METERS;

    public BoundingBox {
        if (!(minLatDegrees >= -90.0 && minLatDegrees <= maxLatDegrees && maxLatDegrees <= 90.0)) {
            throw new IllegalArgumentException("bad latitude range [" + minLatDegrees + ", " + maxLatDegrees + "]");
        }
        if (!(minLngDegrees >= -180.0 && minLngDegrees <= maxLngDegrees && maxLngDegrees <= 180.0)) {
            throw new IllegalArgumentException("bad longitude range [" + minLngDegrees + ", " + maxLngDegrees + "]");
        }
    }

    /**
     * Returns one or two boxes that together contain every point within {@code radiusMeters} of {@code center}.
     *
     * @param center the centre of the search circle, any valid point including the poles and +-180
     * @param radiusMeters the radius in metres, in [0, {@link #MAX_RADIUS_METERS}]
     * @return one box, or two boxes (east one first) when the circle crosses the antimeridian
     */
    public static List<BoundingBox> around(LatLng center, double radiusMeters) {
        requireRadiusMeters(radiusMeters);
        double angleRadians = Haversine.metersToRadians(radiusMeters);
        double latDelta = Math.toDegrees(angleRadians) + MARGIN_DEGREES;
        double lat = center.latDegrees();
        double minLat = lat - latDelta;
        double maxLat = lat + latDelta;
        if (minLat <= -90.0 || maxLat >= 90.0) {
            return List.of(new BoundingBox(Math.max(-90.0, minLat), Math.min(90.0, maxLat), -180.0, 180.0));
        }
        double sinRatio = Math.sin(angleRadians) / Math.cos(Math.toRadians(lat));
        if (sinRatio >= 1.0) {
            return List.of(new BoundingBox(minLat, maxLat, -180.0, 180.0));
        }
        double lngDelta = Math.toDegrees(Math.asin(sinRatio)) + MARGIN_DEGREES;
        double lng = center.lngDegrees();
        double minLng = lng - lngDelta;
        double maxLng = lng + lngDelta;
        if (lngDelta >= 180.0) {
            return List.of(new BoundingBox(minLat, maxLat, -180.0, 180.0));
        }
        if (minLng < -180.0) {
            return List.of(new BoundingBox(minLat, maxLat, minLng + 360.0, 180.0),
                    new BoundingBox(minLat, maxLat, -180.0, maxLng));
        }
        if (maxLng > 180.0) {
            return List.of(new BoundingBox(minLat, maxLat, minLng, 180.0),
                    new BoundingBox(minLat, maxLat, -180.0, maxLng - 360.0));
        }
        return List.of(new BoundingBox(minLat, maxLat, minLng, maxLng));
    }

    /** Throws {@link IllegalArgumentException} unless {@code radiusMeters} is in [0, {@link #MAX_RADIUS_METERS}]. */
    public static double requireRadiusMeters(double radiusMeters) {
        if (!(radiusMeters >= 0.0 && radiusMeters <= MAX_RADIUS_METERS)) {
            throw new IllegalArgumentException("radiusMeters must be within [0, " + MAX_RADIUS_METERS + "]: "
                    + radiusMeters);
        }
        return radiusMeters;
    }

    /** Returns {@code true} if the point is inside or on the edge of this box (no longitude wrap-around). */
    public boolean contains(double latDegrees, double lngDegrees) {
        return latDegrees >= minLatDegrees && latDegrees <= maxLatDegrees
                && lngDegrees >= minLngDegrees && lngDegrees <= maxLngDegrees;
    }

    /** Returns {@code true} if this box and the given rectangle share at least one point (edges included). */
    public boolean intersects(double minLat, double maxLat, double minLng, double maxLng) {
        return minLat <= maxLatDegrees && maxLat >= minLatDegrees && minLng <= maxLngDegrees && maxLng >= minLngDegrees;
    }

    /** Returns the centre of the box in degrees. */
    public LatLng center() {
        return LatLng.ofDegrees((minLatDegrees + maxLatDegrees) * 0.5, (minLngDegrees + maxLngDegrees) * 0.5);
    }

    /** Returns the great-circle distance in metres from {@code point} to the nearest point of this box (0 inside). */
    public double minDistanceMeters(LatLng point) {
        return minDistanceMeters(point.latDegrees(), point.lngDegrees(),
                minLatDegrees, maxLatDegrees, minLngDegrees, maxLngDegrees);
    }

    /**
     * Returns the great-circle distance in metres from a point to the nearest point of the rectangle
     * {@code [minLat, maxLat] x [minLng, maxLng]} (degrees, no wrap), or 0 if the point is inside.
     *
     * <p>Why this is exact: if the point's meridian crosses the rectangle the nearest point lies on that meridian.
     * Otherwise it lies on the meridian edge with the smaller longitude difference {@code d}; along a meridian
     * {@code cos(distance) = A cos(lat - lat0)} with {@code lat0 = atan2(sin(latP), cos(latP) cos(d))}, so the
     * minimum over the edge is at {@code lat0} (if it lies on the edge) or at one of the two corners. The
     * longitude difference is taken modulo 360, so rectangles touching +-180 and points at the poles need no
     * special cases.
     */
    public static double minDistanceMeters(double latDegrees, double lngDegrees, double minLat, double maxLat,
            double minLng, double maxLng) {
        if (lngDegrees >= minLng && lngDegrees <= maxLng) {
            if (latDegrees < minLat) {
                return Haversine.radiansToMeters(Math.toRadians(minLat - latDegrees));
            }
            if (latDegrees > maxLat) {
                return Haversine.radiansToMeters(Math.toRadians(latDegrees - maxLat));
            }
            return 0.0;
        }
        double toWest = longitudeGapDegrees(lngDegrees, minLng);
        double toEast = longitudeGapDegrees(lngDegrees, maxLng);
        double edgeLng = toWest <= toEast ? minLng : maxLng;
        double gapRadians = Math.toRadians(Math.min(toWest, toEast));
        double latRadians = Math.toRadians(latDegrees);
        double foot = Math.toDegrees(Math.atan2(Math.sin(latRadians), Math.cos(latRadians) * Math.cos(gapRadians)));
        double best = Math.min(Haversine.distanceMeters(latDegrees, lngDegrees, minLat, edgeLng),
                Haversine.distanceMeters(latDegrees, lngDegrees, maxLat, edgeLng));
        if (foot > minLat && foot < maxLat) {
            best = Math.min(best, Haversine.distanceMeters(latDegrees, lngDegrees, foot, edgeLng));
        }
        return best;
    }

    /** Returns the absolute longitude difference in degrees, modulo 360, in [0, 180]. */
    static double longitudeGapDegrees(double lngA, double lngB) {
        double gap = Math.abs(lngA - lngB) % 360.0;
        return gap > 180.0 ? 360.0 - gap : gap;
    }
}
