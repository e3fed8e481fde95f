package dev.proximity.geo.geohash;

import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.LatLngBox;
import java.util.Arrays;

/**
 * Covers a search circle (centre, radius in metres) with geohash cells of one precision, never missing a point
 * whose {@link Haversine} distance is within the radius.
 *
 * <p><b>How.</b> The covering walks the latitude rows of the chosen precision that intersect the circle's
 * latitude range. For each row it computes the circle's widest longitude half-width inside that row (the
 * half-width {@code w(lat)} of a cap peaks at {@code lat* = asin(sin(latC) / cos(r))}, so the row's maximum is at
 * {@code lat*} clamped into the row) and takes every column overlapping {@code [lngC - w, lngC + w]}. A cell is
 * therefore included exactly when it intersects the circle: the result is the 3x3 block for a circle that fits in
 * one cell, and as many cells as needed when it does not. Half-widths are padded by {@link #MARGIN_DEGREES}.
 *
 * <p><b>Precision</b> is fixed ({@link #withPrecision}) or chosen per query: the finest precision whose estimated
 * cell count (rows times columns of the circle's bounds at that precision) stays within {@code maxCells}.
 * Because columns narrow east-west with {@code cos(lat)}, the same radius gets a coarser precision at latitude 60
 * than at the equator. More cells mean fewer wasted candidates but more lookups: see {@link #DEFAULT_MAX_CELLS}.
 *
 * <p><b>Antimeridian:</b> column ranges wrap, so a circle at longitude 179.999 also gets the cells next to -180.
 * <b>Poles:</b> a circle that reaches a pole gets the entire pole row (every cell of it touches the pole), and a
 * centre exactly at +-90 gets full rows. Immutable and thread-safe.
 *
 * <pre>{@code
 * GeohashCover cover = GeohashCovering.withPrecision(6).cover(LatLng.ofDegrees(47.37, 8.54), 2_000);
 * List<String> redisKeys = cover.geohashes();
 * }</pre>
 */
public final class GeohashCovering {

    /**
     * Default cell budget of the adaptive modes. Measured on the benchmark set (1M businesses, 10,000 queries):
     * 8 cells fetch 1.8 candidates per answer, 16 cells 1.45 and 64 cells 1.2, but every cell is another range
     * lookup; query time was flat from 8 to 32 cells and worse at 64, so the cheapest covering wins.
     */
    public static final int DEFAULT_MAX_CELLS = 8;

    /** Padding of the covered latitude range and longitude half-widths (about 11 cm). */
    public static final double MARGIN_DEGREES = 1e-6;

    private final int fixedBitCount;
    private final int maxCells;
    private final int bitStep;

    private GeohashCovering(int fixedBitCount, int maxCells, int bitStep) {
        this.fixedBitCount = fixedBitCount;
        this.maxCells = maxCells;
        this.bitStep = bitStep;
    }

    /** Always covers with cells of {@code precision} characters (1..12), e.g. 4, 5 or 6 for the cell cache. */
    public static GeohashCovering withPrecision(int precision) {
        Geohash.checkPrecision(precision);
        return new GeohashCovering(5 * precision, 0, 5);
    }

    /** Chooses the finest character precision (1..12) whose estimated cell count is at most {@code maxCells}. */
    public static GeohashCovering adaptive(int maxCells) {
        return new GeohashCovering(0, requireMaxCells(maxCells), 5);
    }

    /**
     * Chooses the finest bit precision (1..60) whose estimated cell count is at most {@code maxCells}. Halving the
     * cell area per step instead of dividing it by 32 fits the circle more tightly; the in-memory index uses this.
     */
    public static GeohashCovering adaptiveBits(int maxCells) {
        return new GeohashCovering(0, requireMaxCells(maxCells), 1);
    }

    private static int requireMaxCells(int maxCells) {
        if (maxCells < 1) {
            throw new IllegalArgumentException("maxCells must be >= 1: " + maxCells);
        }
        return maxCells;
    }

    /** Returns the cells covering the circle. {@code radiusMeters} must be within [0, pi * R]. */
    public GeohashCover cover(LatLng center, double radiusMeters) {
        Circle circle = new Circle(center, BoundingBox.requireRadiusMeters(radiusMeters));
        int bitCount = fixedBitCount != 0 ? fixedBitCount : choosePrecision(circle);
        return new GeohashCover(bitCount, enumerate(circle, bitCount));
    }

    private int choosePrecision(Circle circle) {
        // Start where about two rows span the circle, then walk to the finest precision within the budget.
        double spanDegrees = Math.max(circle.maxLat - circle.minLat, 1e-9);
        int latBits = (int) Math.floor(Math.log(180.0 / spanDegrees) / Math.log(2.0));
        int bits = Math.max(bitStep, Math.min(Geohash.MAX_BITS, 2 * Math.max(0, latBits)) / bitStep * bitStep);
        if (circle.estimateCells(bits) > maxCells) {
            while (bits > bitStep && circle.estimateCells(bits) > maxCells) {
                bits -= bitStep;
            }
            return bits;
        }
        while (bits + bitStep <= Geohash.MAX_BITS && circle.estimateCells(bits + bitStep) <= maxCells) {
            bits += bitStep;
        }
        return bits;
    }

    private static long[] enumerate(Circle circle, int bitCount) {
        int latBits = bitCount >>> 1;
        int lngBits = (bitCount + 1) >>> 1;
        long columns = 1L << lngBits;
        long firstRow = Geohash.cellIndex(circle.minLat, -90.0, 180.0, latBits);
        long lastRow = Geohash.cellIndex(circle.maxLat, -90.0, 180.0, latBits);
        long[] cells = new long[16];
        int size = 0;
        for (long row = firstRow; row <= lastRow; row++) {
            double halfWidth = circle.halfWidthDegrees(Geohash.edge(row, -90.0, 180.0, latBits),
                    Geohash.edge(row + 1, -90.0, 180.0, latBits));
            long[] spans = circle.columnSpans(halfWidth, lngBits, columns);
            for (int s = 0; s < spans.length; s += 2) {
                for (long col = spans[s]; col <= spans[s + 1]; col++) {
                    if (size == cells.length) {
                        cells = Arrays.copyOf(cells, size * 2);
                    }
                    cells[size++] = Geohash.interleave(col, row, bitCount);
                }
            }
        }
        long[] result = Arrays.copyOf(cells, size);
        Arrays.sort(result);
        return result;
    }

    /**
     * The number of cells of {@code bitCount} bits that {@link #cover(LatLngBox, int)} returns for the box, without
     * listing them.
     */
    public static long cellCount(LatLngBox box, int bitCount) {
        long rows = 0;
        long[] rowRange = boxRows(box, bitCount >>> 1);
        rows = rowRange[1] - rowRange[0] + 1;
        long[] spans = boxColumns(box, (bitCount + 1) >>> 1);
        long columns = 0;
        for (int s = 0; s < spans.length; s += 2) {
            columns += spans[s + 1] - spans[s] + 1;
        }
        return rows * columns;
    }

    /**
     * The cells of {@code bitCount} bits that a box touches, sorted: every point the box contains (see
     * {@link LatLngBox#contains}) lies in one of them. Edges are padded by {@link #MARGIN_DEGREES}; a box that
     * reaches longitude +-180 takes the cells on both sides of the antimeridian, where a point may be stored
     * with either longitude.
     */
    public static GeohashCover cover(LatLngBox box, int bitCount) {
        long[] rows = boxRows(box, bitCount >>> 1);
        long[] spans = boxColumns(box, (bitCount + 1) >>> 1);
        long[] cells = new long[(int) cellCount(box, bitCount)];
        int size = 0;
        for (long row = rows[0]; row <= rows[1]; row++) {
            for (int s = 0; s < spans.length; s += 2) {
                for (long col = spans[s]; col <= spans[s + 1]; col++) {
                    cells[size++] = Geohash.interleave(col, row, bitCount);
                }
            }
        }
        Arrays.sort(cells);
        return new GeohashCover(bitCount, cells);
    }

    private static long[] boxRows(LatLngBox box, int latBits) {
        return new long[] {Geohash.cellIndex(Math.max(-90.0, box.south() - MARGIN_DEGREES), -90.0, 180.0, latBits),
                Geohash.cellIndex(Math.min(90.0, box.north() + MARGIN_DEGREES), -90.0, 180.0, latBits)};
    }

    /** Column ranges {@code [from0, to0, from1, to1]}, disjoint and sorted. */
    private static long[] boxColumns(LatLngBox box, int lngBits) {
        long columns = 1L << lngBits;
        double span = box.lngSpanDegrees();
        if (span + 2 * MARGIN_DEGREES >= 360.0) {
            return new long[] {0, columns - 1};
        }
        double west = box.west() - MARGIN_DEGREES;
        double east = box.west() + span + MARGIN_DEGREES;
        // [west, east] with east possibly beyond 180 and west below -180: at most two ranges on the grid
        java.util.List<long[]> ranges = new java.util.ArrayList<>();
        if (west < -180.0) {
            ranges.add(new long[] {Geohash.cellIndex(west + 360.0, -180.0, 360.0, lngBits), columns - 1});
            west = -180.0;
        }
        if (east > 180.0) {
            ranges.add(new long[] {0, Geohash.cellIndex(east - 360.0, -180.0, 360.0, lngBits)});
            east = 180.0;
        }
        ranges.add(new long[] {Geohash.cellIndex(west, -180.0, 360.0, lngBits),
                Geohash.cellIndex(east, -180.0, 360.0, lngBits)});
        // a point at +-180 may be stored as either: reaching one edge takes the column at the other
        if (west <= -180.0 || east >= 180.0) {
            ranges.add(new long[] {0, 0});
            ranges.add(new long[] {columns - 1, columns - 1});
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] merged = new long[2 * ranges.size()];
        int n = 0;
        for (long[] range : ranges) {
            if (n > 0 && range[0] <= merged[n - 1] + 1) {
                merged[n - 1] = Math.max(merged[n - 1], range[1]);
            } else {
                merged[n++] = range[0];
                merged[n++] = range[1];
            }
        }
        return Arrays.copyOf(merged, n);
    }

    /** The circle's geometry, precomputed once per cover. */
    private static final class Circle {
        final double centerLat;
        final double centerLng;
        final double angleRadians;
        final double sinCenterLat;
        final double cosCenterLat;
        final double havAngle;
        final double minLat;
        final double maxLat;
        /** Latitude where the circle is widest east-west, in degrees. */
        final double widestLat;
        final boolean fullWidth;
        /** Largest longitude half-width over the whole circle, degrees. */
        final double maxHalfWidth;

        Circle(LatLng center, double radiusMeters) {
            centerLat = center.latDegrees();
            centerLng = center.lngDegrees();
            angleRadians = Haversine.metersToRadians(radiusMeters);
            double latRadians = Math.toRadians(centerLat);
            sinCenterLat = Math.sin(latRadians);
            cosCenterLat = Math.cos(latRadians);
            double sinHalf = Math.sin(angleRadians * 0.5);
            havAngle = sinHalf * sinHalf;
            double delta = Math.toDegrees(angleRadians) + MARGIN_DEGREES;
            minLat = Math.max(-90.0, centerLat - delta);
            maxLat = Math.min(90.0, centerLat + delta);
            double cosAngle = Math.cos(angleRadians);
            // A centre at a pole, or a radius of a quarter circumference or more: every row is fully covered.
            fullWidth = cosCenterLat < 1e-12 || cosAngle <= 0.0;
            double sinWidest = fullWidth ? 0.0 : sinCenterLat / cosAngle;
            widestLat = sinWidest >= 1.0 ? 90.0 : sinWidest <= -1.0 ? -90.0 : Math.toDegrees(Math.asin(sinWidest));
            maxHalfWidth = halfWidthDegrees(minLat, maxLat);
        }

        /** The circle's largest longitude half-width (degrees, padded) between two latitudes; 180 means all. */
        double halfWidthDegrees(double fromLat, double toLat) {
            if (fullWidth) {
                return 180.0;
            }
            double lo = Math.max(fromLat, minLat);
            double hi = Math.min(toLat, maxLat);
            double lat = Math.max(lo, Math.min(hi, widestLat));
            double cosLat = Math.cos(Math.toRadians(lat));
            if (cosLat < 1e-12) {
                return 180.0;
            }
            double sinHalfDeltaLat = Math.sin(Math.toRadians(lat - centerLat) * 0.5);
            // haversine solved for the longitude difference: hav(dLng) = (hav(r) - hav(dLat)) / (cos lat cos latC)
            double hav = (havAngle - sinHalfDeltaLat * sinHalfDeltaLat) / (cosLat * cosCenterLat);
            if (hav >= 1.0) {
                return 180.0;
            }
            double halfWidth = hav <= 0.0 ? 0.0 : Math.toDegrees(2.0 * Math.asin(Math.sqrt(hav)));
            return halfWidth + MARGIN_DEGREES;
        }

        /** Column index ranges {@code [from0, to0, from1, to1...]} overlapping {@code lngC +- halfWidth}. */
        long[] columnSpans(double halfWidth, int lngBits, long columns) {
            if (halfWidth >= 180.0) {
                return new long[] {0, columns - 1};
            }
            double west = centerLng - halfWidth;
            double east = centerLng + halfWidth;
            if (west < -180.0) {
                return wrapped(west + 360.0, east, lngBits, columns);
            }
            if (east > 180.0) {
                return wrapped(west, east - 360.0, lngBits, columns);
            }
            return new long[] {Geohash.cellIndex(west, -180.0, 360.0, lngBits),
                    Geohash.cellIndex(east, -180.0, 360.0, lngBits)};
        }

        private static long[] wrapped(double westFrom, double eastTo, int lngBits, long columns) {
            long a = Geohash.cellIndex(westFrom, -180.0, 360.0, lngBits);
            long b = Geohash.cellIndex(eastTo, -180.0, 360.0, lngBits);
            if (b >= a - 1) {
                return new long[] {0, columns - 1};
            }
            return new long[] {0, b, a, columns - 1};
        }

        /** Upper bound on the number of cells {@link #enumerate} would return at this bit count. */
        long estimateCells(int bitCount) {
            int latBits = bitCount >>> 1;
            int lngBits = (bitCount + 1) >>> 1;
            long rows = Geohash.cellIndex(maxLat, -90.0, 180.0, latBits)
                    - Geohash.cellIndex(minLat, -90.0, 180.0, latBits) + 1;
            long columns = 1L << lngBits;
            double halfWidth = maxHalfWidth;
            long spanColumns = halfWidth >= 180.0 ? columns
                    : Math.min(columns, (long) Math.ceil(2.0 * halfWidth / Geohash.cellWidthDegrees(bitCount)) + 1);
            return rows * spanColumns;
        }
    }
}
