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
     * The largest distance between two points of the box, in metres, to within rounding: the longer diagonal,
     * or, when the box spans half the world's longitudes or more, the distance across it over the pole along
     * the parallel nearest the equator (so a polar cap's diameter, not the zero length of its seam).
     */
    public double diagonalMeters() {
        double span = Math.min(lngSpanDegrees(), 180.0);
        double diagonal = Math.max(Haversine.distanceMeters(south, 0.0, north, span),
                Haversine.distanceMeters(north, 0.0, south, span));
        double widestLat = south > 0 ? south : (north < 0 ? north : 0.0);
        return Math.max(diagonal, Haversine.distanceMeters(widestLat, 0.0, widestLat, span));
    }
}
