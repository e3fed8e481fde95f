package dev.proximity.geo.s2;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2Cap;
import com.google.common.geometry.R1Interval;
import com.google.common.geometry.S1Interval;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2LatLngRect;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Projections;
import com.google.common.geometry.S2RegionCoverer;
import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.LatLngBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Covers a search circle with S2 cells and turns the cells into ranges of leaf cell ids for range scans (see
 * {@link S2CellRange} for why signed ranges are correct): every leaf within the circle lies in one of the ranges.
 *
 * <p><b>Cap.</b> s2-geometry 2.0.0 has no {@code S2Earth}, so the radius is converted here:
 * {@code angle = radiusMeters / EARTH_RADIUS_METERS} radians, on the same sphere as {@link Haversine}. The cap is
 * widened by {@link #MARGIN_RADIANS} so rounding can never exclude a point the haversine oracle accepts. S2 works
 * on the unit sphere, so the antimeridian and the poles need no special handling: a cap around a pole is covered
 * by the cells around the pole like any other.
 *
 * <p><b>Covering: one level, chosen per query.</b> {@code S2RegionCoverer.getCovering} of 2.0.0 costs about 10 us
 * per cap (a priority-queue search over candidate cells), more than the rest of a query. So the cap's extent on
 * each cube face is computed in closed form (see {@code S2BlockCover}), the level is the finest one at which the
 * block of cells spanning that extent has at most {@code maxCells} cells, and the cells of the block that the cap
 * does not meet are dropped. The level therefore follows the radius and, through the cube projection, the
 * position: a cap of radius {@code r} gets cells of edge about {@code 2r / (sqrt(maxCells) - 1)} or larger, e.g.
 * about 1.3 km cells for 1 km with 16 cells. Cells consecutive on the Hilbert curve are merged, so the number of
 * ranges (one binary search each) is usually below the number of cells. Trade-off against the coverer: cells of one
 * level fit the circle less tightly than mixed levels for the same count, so the cover holds somewhat more
 * candidates (measured in {@code docs/benchmarks.md}), but it costs about 1 us instead of 10. Caps above about
 * 1,500 km (outside the project's 50 km limit) fall back to the coverer, with {@code maxLevel} from
 * {@link #maxLevelFor} and {@code minLevel = maxLevel - levelSpan}.
 *
 * <p><b>maxCells</b> (default {@link #DEFAULT_MAX_CELLS}) is a soft limit: a cap over a cube corner keeps at
 * least one cell per face it reaches. Immutable and thread-safe.
 *
 * <pre>{@code
 * List<S2CellRange> ranges = S2Covering.withMaxCells(16).ranges(LatLng.ofDegrees(47.37, 8.54), 2_000);
 * long leaf = S2Covering.leafCellId(LatLng.ofDegrees(47.37, 8.54));   // value for the s2_cell column
 * }</pre>
 */
public final class S2Covering {

    /** Default cell budget of one query's block of cells (before cells missing the cap are dropped). */
    public static final int DEFAULT_MAX_CELLS = 16;

    /** For the coverer fallback: the target cell edge is the radius divided by this. */
    public static final double LEVEL_DIVISOR = 2.0;

    /** How far the cap is widened beyond the radius: 1e-9 radians, about 6 mm. */
    public static final double MARGIN_RADIANS = 1e-9;

    /** For the coverer fallback: default number of levels between {@code minLevel} and {@code maxLevel}. */
    public static final int DEFAULT_LEVEL_SPAN = 6;

    private final int maxCells;
    private final double levelDivisor;
    private final S2RegionCoverer[] coverersByMaxLevel;

    private S2Covering(int maxCells, double levelDivisor, int levelSpan) {
        this.maxCells = maxCells;
        this.levelDivisor = levelDivisor;
        this.coverersByMaxLevel = new S2RegionCoverer[S2CellId.MAX_LEVEL + 1];
        for (int level = 0; level <= S2CellId.MAX_LEVEL; level++) {
            coverersByMaxLevel[level] = S2RegionCoverer.builder()
                    .setMinLevel(Math.max(0, level - levelSpan))
                    .setMaxLevel(level)
                    .setMaxCells(maxCells)
                    .build();
        }
    }

    /**
     * Returns a covering with every knob set: the cell budget, the divisor of the radius giving the target edge
     * of the finest cells ({@code > 0}), and the number of levels the coverer may use below that ({@code >= 0}).
     */
    public static S2Covering of(int maxCells, double levelDivisor, int levelSpan) {
        if (maxCells < 1 || !(levelDivisor > 0) || levelSpan < 0) {
            throw new IllegalArgumentException("bad S2 covering settings " + maxCells + ", " + levelDivisor + ", "
                    + levelSpan);
        }
        return new S2Covering(maxCells, levelDivisor, levelSpan);
    }

    /** Returns a covering with the given cell budget ({@code >= 1}). */
    public static S2Covering withMaxCells(int maxCells) {
        if (maxCells < 1) {
            throw new IllegalArgumentException("maxCells must be >= 1: " + maxCells);
        }
        return new S2Covering(maxCells, LEVEL_DIVISOR, DEFAULT_LEVEL_SPAN);
    }

    /** Returns a covering with {@link #DEFAULT_MAX_CELLS}. */
    public static S2Covering withDefaults() {
        return new S2Covering(DEFAULT_MAX_CELLS, LEVEL_DIVISOR, DEFAULT_LEVEL_SPAN);
    }

    /** The cell budget. */
    public int maxCells() {
        return maxCells;
    }

    /** The leaf (level-30) cell id of a point, the value stored in {@code s2_cell}. */
    public static long leafCellId(LatLng point) {
        return leafCellId(point.latDegrees(), point.lngDegrees());
    }

    /** The leaf (level-30) cell id of a point in degrees. */
    public static long leafCellId(double latDegrees, double lngDegrees) {
        return S2CellId.fromLatLng(S2LatLng.fromDegrees(latDegrees, lngDegrees)).id();
    }

    /** The S2 cap of a search circle, widened by {@link #MARGIN_RADIANS}. */
    public static S2Cap cap(LatLng center, double radiusMeters) {
        BoundingBox.requireRadiusMeters(radiusMeters);
        double angle = Haversine.metersToRadians(radiusMeters) + MARGIN_RADIANS;
        return S2Cap.fromAxisAngle(S2LatLng.fromDegrees(center.latDegrees(), center.lngDegrees()).toPoint(),
                S1Angle.radians(angle));
    }

    /** The finest level the fallback coverer may use for this radius (see the class doc). */
    public static int maxLevelFor(double radiusMeters) {
        return maxLevelFor(radiusMeters, LEVEL_DIVISOR);
    }

    private static int maxLevelFor(double radiusMeters, double levelDivisor) {
        double targetEdgeRadians = Haversine.metersToRadians(Math.max(radiusMeters, 0.01)) / levelDivisor;
        return Math.min(S2CellId.MAX_LEVEL, S2Projections.PROJ.avgEdge.getClosestLevel(targetEdgeRadians));
    }

    /**
     * The covering as {@code [rangeMin0, rangeMax0, rangeMin1, rangeMax1, ...]}: leaf-id ranges sorted by signed
     * {@code rangeMin}, disjoint, each within one sign. The allocation-light form of {@link #ranges}.
     */
    public long[] leafRanges(LatLng center, double radiusMeters) {
        long[] block = blockCover(center, radiusMeters);
        if (block != null) {
            return Arrays.copyOfRange(block, 1, block.length);
        }
        return covererRanges(center, radiusMeters);
    }

    /**
     * The hot path of an index over sorted leaf ids ({@code S2Index} in the tests): the ranges of {@link #leafRanges} from index {@code 1} on, element 0
     * being the level of the cells (or -1 for the coverer fallback), saving a copy.
     */
    long[] levelAndLeafRanges(LatLng center, double radiusMeters) {
        long[] block = blockCover(center, radiusMeters);
        if (block != null) {
            return block;
        }
        long[] ranges = covererRanges(center, radiusMeters);
        long[] result = new long[ranges.length + 1];
        result[0] = -1;
        System.arraycopy(ranges, 0, result, 1, ranges.length);
        return result;
    }

    private long[] covererRanges(LatLng center, double radiusMeters) {
        List<S2CellId> cells = coveredCells(center, radiusMeters);
        long[] ranges = new long[2 * cells.size()];
        for (int k = 0; k < cells.size(); k++) {
            ranges[2 * k] = cells.get(k).rangeMin().id();
            ranges[2 * k + 1] = cells.get(k).rangeMax().id();
        }
        return ranges;
    }

    /** The covering as leaf-id ranges, sorted by signed {@code rangeMin} and disjoint. */
    public List<S2CellRange> ranges(LatLng center, double radiusMeters) {
        long[] pairs = leafRanges(center, radiusMeters);
        List<S2CellRange> ranges = new ArrayList<>(pairs.length / 2);
        for (int k = 0; k < pairs.length; k += 2) {
            ranges.add(new S2CellRange(pairs[k], pairs[k + 1]));
        }
        return ranges;
    }

    /** The covering cells of the circle, sorted by signed id and non-overlapping. */
    public List<S2CellId> cells(LatLng center, double radiusMeters) {
        long[] block = blockCover(center, radiusMeters);
        if (block == null) {
            return coveredCells(center, radiusMeters);
        }
        int level = (int) block[0];
        long step = 2L << (2 * (S2CellId.MAX_LEVEL - level)); // distance between ids of consecutive cells
        long halfSpan = (step >>> 1) - 1;
        List<S2CellId> cells = new ArrayList<>();
        for (int k = 1; k < block.length; k += 2) {
            long count = (block[k + 1] - block[k]) / step + 1; // same sign: the difference cannot overflow
            for (long c = 0; c < count; c++) {
                cells.add(new S2CellId(block[k] + halfSpan + c * step));
            }
        }
        return cells;
    }

    /** {@code [level, ranges...]} from {@code S2BlockCover}, or {@code null} for caps it does not handle. */
    private long[] blockCover(LatLng center, double radiusMeters) {
        BoundingBox.requireRadiusMeters(radiusMeters);
        double angle = Haversine.metersToRadians(radiusMeters) + MARGIN_RADIANS;
        S2Point c = S2LatLng.fromDegrees(center.latDegrees(), center.lngDegrees()).toPoint();
        return S2BlockCover.cover(c.getX(), c.getY(), c.getZ(), angle, maxCells);
    }

    /** The coverer's cells (the fallback for very large caps), sorted by signed id. */
    private List<S2CellId> coveredCells(LatLng center, double radiusMeters) {
        ArrayList<S2CellId> cells = new ArrayList<>();
        coverersByMaxLevel[maxLevelFor(radiusMeters, levelDivisor)].getCovering(cap(center, radiusMeters), cells);
        cells.sort((a, b) -> Long.compare(a.id(), b.id()));
        return cells;
    }

    /** The cells {@code S2RegionCoverer} would choose with this covering's settings (for comparisons). */
    public List<S2CellId> covererCells(LatLng center, double radiusMeters) {
        return coveredCells(center, radiusMeters);
    }

    /**
     * The cells covering a box (antimeridian and poles included: S2's rectangle has no seams), at most
     * {@code maxLevel}, sorted by signed id and non-overlapping. The box is widened by {@link #MARGIN_RADIANS} so
     * rounding never leaves out a point on its edge. Uses {@code S2RegionCoverer} with this covering's budget.
     */
    public List<S2CellId> cells(LatLngBox box, int maxLevel) {
        double west = Math.toRadians(box.west());
        double east = Math.toRadians(box.east());
        // a box of zero width on the antimeridian (west 180, east -180) is the meridian itself, but
        // new S1Interval(PI, -PI) is S2's empty interval, which covered nothing: take the point interval
        S1Interval lng = box.lngSpanDegrees() >= 360.0 ? S1Interval.full()
                : box.lngSpanDegrees() == 0.0 ? S1Interval.fromPoint(west) : new S1Interval(west, east);
        S2LatLngRect rect = new S2LatLngRect(new R1Interval(Math.toRadians(box.south()), Math.toRadians(box.north())),
                lng).expanded(S2LatLng.fromRadians(MARGIN_RADIANS, MARGIN_RADIANS)).polarClosure();
        ArrayList<S2CellId> cells = new ArrayList<>();
        S2RegionCoverer.builder().setMinLevel(0).setMaxLevel(maxLevel).setMaxCells(maxCells).build()
                .getCovering(rect, cells);
        cells.sort((a, b) -> Long.compare(a.id(), b.id()));
        return cells;
    }
}
