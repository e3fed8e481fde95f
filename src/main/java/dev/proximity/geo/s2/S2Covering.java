package dev.proximity.geo.s2;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2Cap;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Projections;
import com.google.common.geometry.S2RegionCoverer;
import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import java.util.ArrayList;
import java.util.List;

/**
 * Covers a search circle with S2 cells using {@link S2RegionCoverer} on an {@link S2Cap}, and turns the cells into
 * ranges of leaf cell ids for range scans (see {@link S2CellRange} for why signed ranges are correct).
 *
 * <p><b>Cap.</b> s2-geometry 2.0.0 has no {@code S2Earth}, so the radius is converted here:
 * {@code angle = radiusMeters / EARTH_RADIUS_METERS} radians, on the same sphere as {@link Haversine}. The cap is
 * widened by {@link #MARGIN_RADIANS} so rounding can never exclude a point the haversine oracle accepts. S2 works
 * on the unit sphere, so the antimeridian and the poles need no special handling: a cap around a pole is covered
 * by the cells around the pole like any other.
 *
 * <p><b>Levels.</b> For each radius the coverer is built with {@code maxLevel} = the level whose average cell
 * edge ({@code S2Projections.PROJ.avgEdge}) is closest to {@code radius / LEVEL_DIVISOR}, capped at 30, and
 * {@code minLevel = max(0, maxLevel - 6)}. Finer cells fit the cap better but a fixed {@code maxCells} budget
 * cannot use them all, and the coverer spends more time choosing; coarser cells waste candidates. Level edges,
 * for reference: 10 about 9 km, 13 about 1.1 km, 16 about 140 m, 20 about 9 m, 30 about 1 cm.
 * The coverers for all 31 possible level ranges are built once.
 *
 * <p><b>maxCells</b> (default {@link #DEFAULT_MAX_CELLS}) is a soft limit, as in S2: the coverer may return more
 * cells when {@code minLevel} forces it. Immutable and thread-safe ({@code S2RegionCoverer} is immutable).
 *
 * <pre>{@code
 * List<S2CellRange> ranges = S2Covering.withMaxCells(8).ranges(LatLng.ofDegrees(47.37, 8.54), 2_000);
 * long leaf = S2Covering.leafCellId(LatLng.ofDegrees(47.37, 8.54));   // value for the s2_cell column
 * }</pre>
 */
public final class S2Covering {

    /** Default cell budget: eight cells keep the coverer fast and the cover within about 1.5x to 2x the cap. */
    public static final int DEFAULT_MAX_CELLS = 8;

    /** The target cell edge is the radius divided by this. */
    public static final double LEVEL_DIVISOR = 2.0;

    /** How far the cap is widened beyond the radius: 1e-9 radians, about 6 mm. */
    public static final double MARGIN_RADIANS = 1e-9;

    private final int maxCells;
    private final S2RegionCoverer[] coverersByMaxLevel;

    private S2Covering(int maxCells) {
        this.maxCells = maxCells;
        this.coverersByMaxLevel = new S2RegionCoverer[S2CellId.MAX_LEVEL + 1];
        for (int level = 0; level <= S2CellId.MAX_LEVEL; level++) {
            coverersByMaxLevel[level] = S2RegionCoverer.builder()
                    .setMinLevel(Math.max(0, level - 6))
                    .setMaxLevel(level)
                    .setMaxCells(maxCells)
                    .build();
        }
    }

    /** Returns a covering with the given cell budget ({@code >= 1}). */
    public static S2Covering withMaxCells(int maxCells) {
        if (maxCells < 1) {
            throw new IllegalArgumentException("maxCells must be >= 1: " + maxCells);
        }
        return new S2Covering(maxCells);
    }

    /** Returns a covering with {@link #DEFAULT_MAX_CELLS}. */
    public static S2Covering withDefaults() {
        return new S2Covering(DEFAULT_MAX_CELLS);
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

    /** The finest level the coverer may use for this radius (see the class doc). */
    public static int maxLevelFor(double radiusMeters) {
        double targetEdgeRadians = Haversine.metersToRadians(Math.max(radiusMeters, 0.01)) / LEVEL_DIVISOR;
        return Math.min(S2CellId.MAX_LEVEL, S2Projections.PROJ.avgEdge.getClosestLevel(targetEdgeRadians));
    }

    /** The covering cells of the circle, sorted by id and non-overlapping. */
    public List<S2CellId> cells(LatLng center, double radiusMeters) {
        ArrayList<S2CellId> cells = new ArrayList<>();
        coverersByMaxLevel[maxLevelFor(radiusMeters)].getCovering(cap(center, radiusMeters), cells);
        return cells;
    }

    /** The covering as leaf-id ranges, sorted by signed {@code rangeMin} and non-overlapping. */
    public List<S2CellRange> ranges(LatLng center, double radiusMeters) {
        List<S2CellId> cells = cells(center, radiusMeters);
        List<S2CellRange> ranges = new ArrayList<>(cells.size());
        for (S2CellId cell : cells) {
            ranges.add(new S2CellRange(cell.rangeMin().id(), cell.rangeMax().id()));
        }
        ranges.sort((a, b) -> Long.compare(a.rangeMin(), b.rangeMin()));
        return ranges;
    }
}
