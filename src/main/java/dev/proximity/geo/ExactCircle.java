package dev.proximity.geo;

/**
 * The exact membership test of a search circle: a point is inside when its {@link Haversine} distance from the
 * centre is at most {@code radiusMeters}, exactly as the brute-force oracle decides.
 *
 * <p>To stay cheap on the hot path it first compares the squared chord between unit vectors (three
 * multiplications on {@link PointColumns}' precomputed coordinates) with the squared chord of the radius, which
 * is monotonic in the great-circle distance. Only points within a relative band of {@code 1e-6} of the boundary
 * need the haversine formula to be decided, so rounding can never reject a point the oracle accepts or keep one
 * it rejects. Works the same at the poles and across the antimeridian (unit vectors have no seams).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ExactCircle circle = new ExactCircle(LatLng.ofDegrees(37.5665, 126.9780), 1_000);
 * double meters = circle.distanceMetersIfInside(points, row); // -1 when outside
 * }</pre>
 */
public final class ExactCircle {

    private static final double BOUNDARY_BAND = 1e-6;

    private final double centerLat;
    private final double centerLng;
    private final double centerCosLat;
    private final double cx;
    private final double cy;
    private final double cz;
    private final double radiusMeters;
    private final double acceptBelow;
    private final double rejectAbove;

    public ExactCircle(LatLng center, double radiusMeters) {
        this.centerLat = center.latDegrees();
        this.centerLng = center.lngDegrees();
        this.centerCosLat = Haversine.cosLatitude(centerLat);
        this.cx = PointColumns.unitX(centerLat, centerLng);
        this.cy = PointColumns.unitY(centerLat, centerLng);
        this.cz = PointColumns.unitZ(centerLat);
        this.radiusMeters = radiusMeters;
        double halfAngle = Math.min(Math.PI, Haversine.metersToRadians(radiusMeters)) * 0.5;
        double chord = 2.0 * Math.sin(halfAngle);
        double threshold = chord * chord;
        this.acceptBelow = threshold * (1.0 - BOUNDARY_BAND);
        this.rejectAbove = threshold * (1.0 + BOUNDARY_BAND) + 1e-30;
    }

    /**
     * The squared chord above which a point is certainly outside the circle; at or below it {@link #contains}
     * decides.
     */
    public double rejectAbove() {
        return rejectAbove;
    }

    /** The squared chord between the centre and row {@code row} of {@code points} (unit sphere). */
    public double chord2(PointColumns points, int row) {
        double dx = points.x(row) - cx;
        double dy = points.y(row) - cy;
        double dz = points.z(row) - cz;
        return dx * dx + dy * dy + dz * dz;
    }

    /**
     * Whether row {@code row}, whose squared chord is {@code chord2}, is inside; only boundary cases read its
     * coordinates for the haversine formula.
     */
    public boolean contains(PointColumns points, int row, double chord2) {
        if (chord2 > rejectAbove) {
            return false;
        }
        return chord2 < acceptBelow
                || distanceMeters(points.latDegrees(row), points.lngDegrees(row)) <= radiusMeters;
    }

    /** The haversine distance of row {@code row} in metres, or -1 when it is outside the circle. */
    public double distanceMetersIfInside(PointColumns points, int row) {
        if (chord2(points, row) > rejectAbove) {
            return -1;
        }
        return distanceMetersIfInside(points.latDegrees(row), points.lngDegrees(row));
    }

    /** The haversine distance of a point in metres, or -1 when it is outside the circle. */
    public double distanceMetersIfInside(double latDegrees, double lngDegrees) {
        double distance = distanceMeters(latDegrees, lngDegrees);
        return distance <= radiusMeters ? distance : -1;
    }

    /** The haversine distance from the centre in metres. */
    public double distanceMeters(double latDegrees, double lngDegrees) {
        return Haversine.distanceMeters(centerLat, centerLng, centerCosLat, latDegrees, lngDegrees);
    }
}
