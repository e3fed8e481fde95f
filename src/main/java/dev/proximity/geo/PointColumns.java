package dev.proximity.geo;

/**
 * Points stored column-wise in primitive arrays: id, latitude and longitude in degrees, and the unit vector
 * {@code (x, y, z)} of each point, which lets the exact distance filter compare squared chord lengths (three
 * multiplications) instead of evaluating trigonometry for every candidate.
 *
 * <p>Memory: 48 bytes per point (six 8-byte columns) plus two array headers' worth of overhead per column, which is
 * why the indexes keep points here rather than as one object per point. Instances are never mutated after
 * construction, so they may be shared freely between threads once published (the indexes publish them through
 * final or volatile fields).
 */
public final class PointColumns {

    /** Bytes of heap per stored point: id, lat, lng, x, y, z. */
    public static final int BYTES_PER_POINT = 6 * Long.BYTES;

    private static final PointColumns EMPTY = new PointColumns(new long[0], new double[0], new double[0]);

    private final long[] ids;
    private final double[] latDegrees;
    private final double[] lngDegrees;
    private final double[] x;
    private final double[] y;
    private final double[] z;

    private PointColumns(long[] ids, double[] latDegrees, double[] lngDegrees) {
        this.ids = ids;
        this.latDegrees = latDegrees;
        this.lngDegrees = lngDegrees;
        int n = ids.length;
        this.x = new double[n];
        this.y = new double[n];
        this.z = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = unitX(latDegrees[i], lngDegrees[i]);
            y[i] = unitY(latDegrees[i], lngDegrees[i]);
            z[i] = unitZ(latDegrees[i]);
        }
    }

    /** The x component of a point's unit vector; exactly 0 at the poles, whatever the longitude. */
    public static double unitX(double latDegrees, double lngDegrees) {
        return Haversine.cosLatitude(latDegrees) * Math.cos(Math.toRadians(lngDegrees));
    }

    /** The y component of a point's unit vector; exactly 0 at the poles, whatever the longitude. */
    public static double unitY(double latDegrees, double lngDegrees) {
        return Haversine.cosLatitude(latDegrees) * Math.sin(Math.toRadians(lngDegrees));
    }

    /** The z component of a point's unit vector. */
    public static double unitZ(double latDegrees) {
        return Math.sin(Math.toRadians(latDegrees));
    }

    /** Returns an empty instance. */
    public static PointColumns empty() {
        return EMPTY;
    }

    /**
     * Copies the given points, in the given order. Throws if the arrays differ in length or a coordinate is out
     * of range.
     */
    public static PointColumns copyOf(long[] ids, double[] latDegrees, double[] lngDegrees) {
        return gather(ids, latDegrees, lngDegrees, null, 0, ids.length);
    }

    /**
     * Copies {@code order[from..to)} of the given points, i.e. point {@code order[k]} becomes row {@code k - from}
     * ({@code order == null} means the identity). Validates every coordinate.
     */
    public static PointColumns gather(long[] ids, double[] latDegrees, double[] lngDegrees, int[] order, int from,
            int to) {
        if (ids.length != latDegrees.length || ids.length != lngDegrees.length) {
            throw new IllegalArgumentException("ids, latitudes and longitudes differ in length");
        }
        int n = to - from;
        long[] i2 = new long[n];
        double[] lat2 = new double[n];
        double[] lng2 = new double[n];
        for (int k = 0; k < n; k++) {
            int src = order == null ? from + k : order[from + k];
            double lat = latDegrees[src];
            double lng = lngDegrees[src];
            if (!LatLng.isValid(lat, lng)) {
                throw new IllegalArgumentException("point " + ids[src] + " has invalid coordinates " + lat + ", " + lng);
            }
            i2[k] = ids[src];
            lat2[k] = lat;
            lng2[k] = lng;
        }
        return new PointColumns(i2, lat2, lng2);
    }

    /** Returns a copy with one more point at the end. */
    public PointColumns with(long id, double lat, double lng) {
        int n = size();
        long[] i2 = java.util.Arrays.copyOf(ids, n + 1);
        double[] lat2 = java.util.Arrays.copyOf(latDegrees, n + 1);
        double[] lng2 = java.util.Arrays.copyOf(lngDegrees, n + 1);
        i2[n] = id;
        lat2[n] = lat;
        lng2[n] = lng;
        return new PointColumns(i2, lat2, lng2);
    }

    /** Returns a copy without row {@code index}. */
    public PointColumns without(int index) {
        int n = size();
        long[] i2 = new long[n - 1];
        double[] lat2 = new double[n - 1];
        double[] lng2 = new double[n - 1];
        System.arraycopy(ids, 0, i2, 0, index);
        System.arraycopy(ids, index + 1, i2, index, n - 1 - index);
        System.arraycopy(latDegrees, 0, lat2, 0, index);
        System.arraycopy(latDegrees, index + 1, lat2, index, n - 1 - index);
        System.arraycopy(lngDegrees, 0, lng2, 0, index);
        System.arraycopy(lngDegrees, index + 1, lng2, index, n - 1 - index);
        return new PointColumns(i2, lat2, lng2);
    }

    /** Returns the row of the first point with this id at exactly these coordinates, or -1. */
    public int indexOf(long id, double lat, double lng) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id && latDegrees[i] == lat && lngDegrees[i] == lng) {
                return i;
            }
        }
        return -1;
    }

    public int size() {
        return ids.length;
    }

    public long id(int row) {
        return ids[row];
    }

    public double latDegrees(int row) {
        return latDegrees[row];
    }

    public double lngDegrees(int row) {
        return lngDegrees[row];
    }

    /** Unit-vector x component ({@code cos(lat) cos(lng)}) of row {@code row}. */
    public double x(int row) {
        return x[row];
    }

    /** Unit-vector y component ({@code cos(lat) sin(lng)}) of row {@code row}. */
    public double y(int row) {
        return y[row];
    }

    /** Unit-vector z component ({@code sin(lat)}) of row {@code row}. */
    public double z(int row) {
        return z[row];
    }

    /** Returns the heap taken by the six arrays, in bytes (16-byte array headers, compressed oops). */
    public long heapBytes() {
        return 6L * (16 + 8L * ids.length) + 40;
    }
}
