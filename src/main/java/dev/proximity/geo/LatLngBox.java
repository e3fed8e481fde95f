package dev.proximity.geo;

import java.util.List;

/**
 * A map viewport: latitudes {@code [south, north]} and longitudes from {@code west} eastwards to {@code east},
 * all edges inclusive; {@code west > east} means the box crosses the antimeridian. Longitudes -180 and 180 are
 * the same meridian, so a point stored with either is inside when either is. Immutable.
 *
 * <pre>{@code
 * LatLngBox fiji = new LatLngBox(-18.3, 177.0, -16.0, -179.5); // crosses the antimeridian
 * fiji.contains(-17.0, 179.9); // true
 * }</pre>
 *
 * @param south southern edge in degrees, in [-90, north]
 * @param west western edge in degrees, in [-180, 180]
 * @param north northern edge in degrees, in [south, 90]
 * @param east eastern edge in degrees, in [-180, 180]
 */
public record LatLngBox(double south, double west, double north, double east) {

    public LatLngBox {
        if (!(south >= -90.0 && south <= north && north <= 90.0)) {
            throw new IllegalArgumentException("bad latitude range [" + south + ", " + north + "]");
        }
        if (!(west >= -180.0 && west <= 180.0 && east >= -180.0 && east <= 180.0)) {
            throw new IllegalArgumentException("bad longitude edges " + west + ", " + east);
        }
    }

    /** The whole world: every point is inside. */
    public static LatLngBox world() {
        return new LatLngBox(-90, -180, 90, 180);
    }

    public boolean crossesAntimeridian() {
        return west > east;
    }

    /** The box's extent in longitude, in degrees (0 to 360). */
    public double lngSpanDegrees() {
        return crossesAntimeridian() ? east - west + 360.0 : east - west;
    }

    public boolean contains(double latDegrees, double lngDegrees) {
        if (latDegrees < south || latDegrees > north) {
            return false;
        }
        if (containsLng(lngDegrees)) {
            return true;
        }
        return Math.abs(lngDegrees) == 180.0 && containsLng(-lngDegrees);
    }

    private boolean containsLng(double lng) {
        return crossesAntimeridian() ? lng >= west || lng <= east : lng >= west && lng <= east;
    }

    /**
     * The longitude ranges of the box that do not wrap: one, or two when it crosses the antimeridian (the
     * eastern part {@code [west, 180]} first, then {@code [-180, east]}).
     */
    public List<BoundingBox> parts() {
        if (!crossesAntimeridian()) {
            return List.of(new BoundingBox(south, north, west, east));
        }
        return List.of(new BoundingBox(south, north, west, 180.0), new BoundingBox(south, north, -180.0, east));
    }

    /**
     * Disjoint ranges of <em>stored</em> longitudes that {@link #contains} accepts: {@link #parts()}, plus the
     * other spelling of the antimeridian ({@code [180, 180]} or {@code [-180, -180]}) when the box reaches only
     * one of them. An index that walks these ranges and tests each point against its own range offers every
     * point of the box exactly once.
     */
    public List<BoundingBox> storedParts() {
        if (crossesAntimeridian() || (west == -180.0 && east == 180.0)) {
            return parts();
        }
        BoundingBox main = new BoundingBox(south, north, west, east);
        if (west == -180.0) {
            return List.of(main, new BoundingBox(south, north, 180.0, 180.0));
        }
        if (east == 180.0) {
            return List.of(main, new BoundingBox(south, north, -180.0, -180.0));
        }
        return List.of(main);
    }

    /** The middle of the box: mid-latitude, and the longitude halfway from west to east (wrapped). */
    public LatLng center() {
        double lng = west + lngSpanDegrees() / 2.0;
        if (lng > 180.0) {
            lng -= 360.0;
        }
        return LatLng.ofDegrees((south + north) / 2.0, lng);
    }

    /**
     * The largest distance between two points of the box, in metres, to within rounding: so a polar cap's
     * diameter, not the zero length of its seam, and half the circumference for a box across the equator that
     * spans half the world's longitudes.
     *
     * <p>Two points of the box are {@code (lat1, 0)} and {@code (lat2, dLng)} up to a rotation, and the distance
     * grows with {@code dLng} up to 180, so {@code dLng = min(span, 180)}. With {@code lat1} fixed, the cosine of
     * the distance, {@code sin lat1 sin lat2 + cos lat1 cos lat2 cos dLng}, is a sinusoid in {@code lat2}: least at
     * one end of {@code [south, north]} or at its minimum. The function has no interior optimum in both
     * latitudes at once (only a saddle on the equator), so one of them is on an edge.
     */
    public double diagonalMeters() {
        // Corner pairs alone fall short for a wide box across the equator: for latitudes -10..80 and 170 degrees
        // of longitude the corners are 110 degrees apart and the equator's ends 170, but (-10, 0) and
        // (10.15, 170) are 170.16 degrees apart.
        double span = Math.min(lngSpanDegrees(), 180.0);
        double cosSpan = Math.cos(Math.toRadians(span));
        double farthest = 0;
        for (double edge : new double[] {south, north}) {
            double edgeRadians = Math.toRadians(edge);
            double critical = Math.toDegrees(Math.atan2(-Math.sin(edgeRadians), -Math.cos(edgeRadians) * cosSpan));
            double[] others = {south, north, Math.max(south, Math.min(north, critical))};
            for (double other : others) {
                farthest = Math.max(farthest, Haversine.distanceMeters(edge, 0.0, other, span));
            }
        }
        return farthest;
    }
}
