package dev.proximity.search;

import com.google.common.geometry.S2Cap;
import com.google.common.geometry.S2Cell;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.CandidateVisitor;
import dev.proximity.geo.ExactCircle;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.PointColumns;
import dev.proximity.geo.geohash.Geohash;
import dev.proximity.geo.quadtree.Quadtree;

/**
 * The searchable businesses as of one change log {@link #position}: an immutable {@link BaseTable} (columns
 * sorted by id), the {@link Overlay} of changes since it was built, and a quadtree over both. Immutable: a
 * change publishes a new snapshot (see {@link SearchState}), so a search that reads one snapshot sees every
 * change entirely or not at all. The quadtree stores base rows as {@code row} and overlay entries as
 * {@code -seq} (a "handle").
 */
final class Snapshot {

    final long position;
    final BaseTable table;
    final Overlay overlay;
    final Quadtree quadtree;

    Snapshot(long position, BaseTable table, Overlay overlay, Quadtree quadtree) {
        this.position = position;
        this.table = table;
        this.overlay = overlay;
        this.quadtree = quadtree;
    }

    /** A snapshot of {@code table} alone, with a freshly built quadtree. */
    static Snapshot of(long position, BaseTable table) {
        return new Snapshot(position, table, Overlay.empty(),
                Quadtree.build(table.rowNumbers(), table.latitudes(), table.longitudes()));
    }

    Snapshot at(long newPosition) {
        return new Snapshot(newPosition, table, overlay, quadtree);
    }

    /** Number of searchable businesses (the quadtree holds exactly the live ones). */
    int size() {
        return quadtree.size();
    }

    long heapBytes() {
        return table.heapBytes() + quadtree.heapBytes();
    }

    /** The business behind a handle (a row, or {@code -seq} of an overlay entry). */
    BusinessRow resolve(long handle) {
        return handle >= 0 ? table.row((int) handle) : overlay.entry((int) -handle);
    }

    /** The handle of the business with this id, or {@link Long#MIN_VALUE} if it does not exist here. */
    long handleOf(long id) {
        Integer seq = overlay.seqOf(id);
        if (seq != null) {
            return seq == 0 ? Long.MIN_VALUE : -seq;
        }
        int row = table.rowOf(id);
        return row < 0 ? Long.MIN_VALUE : row;
    }

    /**
     * {@link #handleOf(long)} for ids looked up in increasing order: {@code hint} is the previous id's base row
     * (or -1), see {@link BaseTable#rowOf(long, int)}.
     */
    long handleOf(long id, int hint) {
        Integer seq = overlay.isEmpty() ? null : overlay.seqOf(id);
        if (seq != null) {
            return seq == 0 ? Long.MIN_VALUE : -seq;
        }
        int row = table.rowOf(id, hint);
        return row < 0 ? Long.MIN_VALUE : row;
    }

    /** The business with this id, or null. */
    BusinessRow find(long id) {
        long handle = handleOf(id);
        return handle == Long.MIN_VALUE ? null : resolve(handle);
    }

    long id(long handle) {
        return handle >= 0 ? table.id((int) handle) : overlay.entry((int) -handle).id();
    }

    double latitude(long handle) {
        return handle >= 0 ? table.latitude((int) handle) : overlay.entry((int) -handle).latitude();
    }

    double longitude(long handle) {
        return handle >= 0 ? table.longitude((int) handle) : overlay.entry((int) -handle).longitude();
    }

    long s2Cell(long handle) {
        return handle >= 0 ? table.s2Cell((int) handle) : overlay.entry((int) -handle).s2Cell();
    }

    int category(long handle) {
        return handle >= 0 ? table.category((int) handle) : overlay.entry((int) -handle).categoryCode();
    }

    /** The keyword signature of the business's name ({@link Keywords#signature}). */
    long signature(long handle) {
        if (handle >= 0) {
            return table.signature((int) handle);
        }
        byte[] keys = overlay.entry((int) -handle).nameKeys();
        return Keywords.signature(keys, 0, keys.length);
    }

    int schedule(long handle) {
        return handle >= 0 ? table.schedule((int) handle) : overlay.entry((int) -handle).scheduleCode();
    }

    /** Offers every business within the circle to {@code matches}, from the quadtree. */
    void collectFromQuadtree(LatLng center, double radiusMeters, Matches matches) {
        ExactCircle circle = new ExactCircle(center, radiusMeters);
        quadtree.visitCandidates(center, radiusMeters, (points, from, to) -> {
            for (int i = from; i < to; i++) {
                double distance = circle.distanceMetersIfInside(points, i);
                if (distance < 0) {
                    continue;
                }
                offer(matches, points.id(i), distance);
            }
        });
    }

    /** Offers the business behind {@code handle} to {@code matches} at this distance. */
    void offer(Matches matches, long handle, double distanceMeters) {
        if (handle >= 0) {
            int row = (int) handle;
            matches.offer(distanceMeters, table.id(row), handle, table.category(row), table.schedule(row));
        } else {
            BusinessRow entry = overlay.entry((int) -handle);
            matches.offer(distanceMeters, entry.id(), handle, entry.categoryCode(), entry.scheduleCode());
        }
    }

    /** Receives the handles of the businesses in a cell, one at a time. */
    @FunctionalInterface
    interface HandleSink {
        void accept(long handle, double latDegrees, double lngDegrees);
    }

    /**
     * Every business lying in the cell ({@link CellKeys}): the quadtree's leaves under the cell's bounding
     * rectangle (geohash) or cap (S2), filtered exactly by the cell's own rule (the geohash prefix of the position, or the S2 leaf cell
     * within the cell's range), so the result is what the database's prefix or range scan would return.
     */
    void visitCell(long cell, HandleSink sink) {
        if (CellKeys.isGeohash(cell)) {
            int bits = CellKeys.geohashBits(cell);
            long prefix = CellKeys.geohashValue(cell);
            BoundingBox box = Geohash.decodeBits(prefix, bits);
            quadtree.visitRectangle(box.minLatDegrees(), box.maxLatDegrees(), box.minLngDegrees(),
                    box.maxLngDegrees(), filtered(sink, (handle, lat, lng) ->
                            Geohash.encodeBits(lat, lng, bits) == prefix));
            return;
        }
        S2CellId id = new S2CellId(cell);
        long min = id.rangeMin().id();
        long max = id.rangeMax().id();
        CandidateFilter inCell = (handle, lat, lng) -> {
            long leaf = s2Cell(handle);
            return Long.compareUnsigned(leaf, min) >= 0 && Long.compareUnsigned(leaf, max) <= 0;
        };
        // the cell's bounding cap as a circle: the quadtree's circle query already handles the antimeridian and
        // the poles, and offers each leaf once (1 m more, so rounding never loses a point on the cap's edge)
        S2Cap cap = new S2Cell(id).getCapBound();
        S2LatLng axis = new S2LatLng(cap.axis());
        quadtree.visitCandidates(LatLng.ofDegrees(axis.latDegrees(), axis.lngDegrees()),
                cap.angle().radians() * Haversine.EARTH_RADIUS_METERS + 1, filtered(sink, inCell));
    }

    private interface CandidateFilter {
        boolean accepts(long handle, double latDegrees, double lngDegrees);
    }

    private static CandidateVisitor filtered(HandleSink sink, CandidateFilter filter) {
        return (PointColumns points, int from, int to) -> {
            for (int i = from; i < to; i++) {
                long handle = points.id(i);
                double lat = points.latDegrees(i);
                double lng = points.lngDegrees(i);
                if (filter.accepts(handle, lat, lng)) {
                    sink.accept(handle, lat, lng);
                }
            }
        };
    }
}
