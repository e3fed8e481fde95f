package dev.proximity.search;

import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.PointColumns;

/**
 * The exact step of a search: a candidate matches when its {@link Haversine} distance is at most the radius,
 * as for the brute-force oracle. The squared chord between unit vectors (three multiplications, as in
 * {@code geo.NeighborSearch}) rejects candidates clearly outside first; a relative band keeps rounding from
 * rejecting a point the haversine formula would accept.
 */
final class CircleFilter {

    private static final double BOUNDARY_BAND = 1e-6;

    private final double centerLat;
    private final double centerLng;
    private final double cx;
    private final double cy;
    private final double cz;
    private final double radiusMeters;
    private final double rejectAbove;

    CircleFilter(LatLng center, double radiusMeters) {
        this.centerLat = center.latDegrees();
        this.centerLng = center.lngDegrees();
        this.cx = PointColumns.unitX(centerLat, centerLng);
        this.cy = PointColumns.unitY(centerLat, centerLng);
        this.cz = PointColumns.unitZ(centerLat);
        this.radiusMeters = radiusMeters;
        double halfAngle = Math.min(Math.PI, Haversine.metersToRadians(radiusMeters)) * 0.5;
        double chord = 2.0 * Math.sin(halfAngle);
        this.rejectAbove = chord * chord * (1.0 + BOUNDARY_BAND) + 1e-30;
    }

    /** The distance in metres of row {@code row}, or -1 if it is outside the circle. */
    double distanceMeters(PointColumns points, int row) {
        double dx = points.x(row) - cx;
        double dy = points.y(row) - cy;
        double dz = points.z(row) - cz;
        if (dx * dx + dy * dy + dz * dz > rejectAbove) {
            return -1;
        }
        return distanceMeters(points.latDegrees(row), points.lngDegrees(row));
    }

    /** The distance in metres of a point, or -1 if it is outside the circle. */
    double distanceMeters(double latDegrees, double lngDegrees) {
        double distance = Haversine.distanceMeters(centerLat, centerLng, latDegrees, lngDegrees);
        return distance <= radiusMeters ? distance : -1;
    }
}
