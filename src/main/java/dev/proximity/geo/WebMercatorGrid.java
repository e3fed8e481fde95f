package dev.proximity.geo;

/**
 * The grid clusters are counted on: at Web-Mercator zoom {@code z} the world (a square 256·2^z pixels wide) is cut
 * into {@code 2^(z+2)} columns of equal longitude and {@code 2^(z+2)} rows of equal Mercator height, cells about
 * 64 pixels wide. The grid is fixed to the world, not to a viewport, so cells stay put as a map pans. Row 0 is the
 * northernmost; latitudes beyond Mercator's limit (about ±85.05°) fall in the first or last row, whose bounds
 * reach the poles. Longitude 180 falls in the last column.
 *
 * <p>A position's {@link #key} at the finest zoom interleaves its column and row bits (a Z-order curve), so the
 * cells of every coarser zoom are contiguous ranges of keys: {@code key >>> 2 * (MAX_ZOOM - z)} is the cell at
 * zoom {@code z}. Pure functions; thread-safe.
 */
public final class WebMercatorGrid {

    public static final int MAX_ZOOM = 20;
    /** Grid levels above the zoom: 2^2 cells of 64 pixels per 256-pixel tile. */
    private static final int CELLS_PER_TILE_BITS = 2;
    /** The latitude where Web Mercator's square world ends. */
    public static final double MAX_MERCATOR_LAT = 85.0511287798066;

    private WebMercatorGrid() {
    }

    /** Columns (and rows) of the grid at {@code zoom}. */
    public static long size(int zoom) {
        return 1L << (zoom + CELLS_PER_TILE_BITS);
    }

    public static long column(double lngDegrees, int zoom) {
        long n = size(zoom);
        long column = (long) Math.floor((lngDegrees + 180.0) / 360.0 * n);
        return Math.max(0, Math.min(n - 1, column));
    }

    public static long row(double latDegrees, int zoom) {
        long n = size(zoom);
        long row = (long) Math.floor(mercatorY(latDegrees) * n);
        return Math.max(0, Math.min(n - 1, row));
    }

    /** 0 at the northern edge of the square world, 1 at its southern edge. */
    static double mercatorY(double latDegrees) {
        double lat = Math.toRadians(Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, latDegrees)));
        return (1.0 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / Math.PI) / 2.0;
    }

    private static double latitudeOfY(double y) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1.0 - 2.0 * y))));
    }

    /** The position's cell at the finest zoom, as a Z-order key (44 bits). */
    public static long key(double latDegrees, double lngDegrees) {
        return interleave(column(lngDegrees, MAX_ZOOM), row(latDegrees, MAX_ZOOM));
    }

    /** The key of the cell at {@code zoom} that holds every finest key {@code k} with {@code cellOf(k) == key}. */
    public static long cellOf(long finestKey, int zoom) {
        return finestKey >>> (2 * (MAX_ZOOM - zoom));
    }

    /** The first finest key of a cell at {@code zoom}; the cell's keys are {@code [firstKey, firstKey + span)}. */
    public static long firstKey(long cellKey, int zoom) {
        return cellKey << (2 * (MAX_ZOOM - zoom));
    }

    public static long keySpan(int zoom) {
        return 1L << (2 * (MAX_ZOOM - zoom));
    }

    public static long interleave(long column, long row) {
        return spread(column) << 1 | spread(row);
    }

    public static long columnOf(long cellKey) {
        return compact(cellKey >>> 1);
    }

    public static long rowOf(long cellKey) {
        return compact(cellKey);
    }

    private static long spread(long v) {
        long x = v & 0xFFFFFFFFL;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        return x;
    }

    private static long compact(long v) {
        long x = v & 0x5555555555555555L;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
        return x;
    }

    /** The bounds {@code {south, west, north, east}} of a cell at {@code zoom}; edge rows reach the poles. */
    public static double[] bounds(long column, long row, int zoom) {
        long n = size(zoom);
        double west = -180.0 + column * 360.0 / n;
        double east = column == n - 1 ? 180.0 : -180.0 + (column + 1) * 360.0 / n;
        double north = row == 0 ? 90.0 : latitudeOfY((double) row / n);
        double south = row == n - 1 ? -90.0 : latitudeOfY((double) (row + 1) / n);
        return new double[] {south, west, north, east};
    }

    /** How many cells of the grid at {@code zoom} the box touches (hold a point it contains). */
    public static long cellsIn(LatLngBox box, int zoom) {
        long rows = row(box.south(), zoom) - row(box.north(), zoom) + 1;
        long columns = 0;
        // stored parts, not parts: a box from -180 holds the points stored at 180, in the last column (and one to
        // 180 those at -180, in column 0); a column counted twice means every column is touched, which min caps
        for (BoundingBox part : box.storedParts()) {
            columns += column(part.maxLngDegrees(), zoom) - column(part.minLngDegrees(), zoom) + 1;
        }
        return rows * Math.min(columns, size(zoom));
    }
}
