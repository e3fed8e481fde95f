package dev.proximity.search;

import java.util.EnumMap;
import java.util.Map;

import dev.proximity.geo.ExactCircle;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.PointColumns;
import dev.proximity.geo.PointIndex;
import dev.proximity.geo.geohash.GeohashIndex;
import dev.proximity.geo.quadtree.Quadtree;
import dev.proximity.geo.s2.S2Index;

/**
 * One base table with its three indexes, plus the overlay of changes since it was built. The geohash and S2
 * indexes are immutable and store base row numbers as point ids; the quadtree is changed in place (copy on
 * write inside) and stores base rows as {@code row} and overlay entries as {@code -seq}. See {@link SearchState}
 * for who may write what and in which order.
 */
final class Generation {

    final BaseTable table;
    final Quadtree quadtree;
    private final Map<IndexType, SpatialIndex> indexes = new EnumMap<>(IndexType.class);
    private final long indexBytes;
    private volatile Overlay overlay = Overlay.empty();

    private Generation(BaseTable table, PointIndex geohash, PointIndex s2, Quadtree quadtree) {
        this.table = table;
        this.quadtree = quadtree;
        indexes.put(IndexType.GEOHASH, new OverlaidIndex(geohash));
        indexes.put(IndexType.S2, new OverlaidIndex(s2));
        indexes.put(IndexType.QUADTREE, this::collectFromQuadtree);
        this.indexBytes = geohash.heapBytes() + s2.heapBytes() + quadtree.heapBytes();
    }

    static Generation of(BaseTable table) {
        long[] rows = table.rowNumbers();
        return new Generation(table, GeohashIndex.build(rows, table.latitudes(), table.longitudes()),
                S2Index.build(rows, table.latitudes(), table.longitudes()),
                Quadtree.build(rows, table.latitudes(), table.longitudes()));
    }

    Overlay overlay() {
        return overlay;
    }

    void publish(Overlay next) {
        overlay = next;
    }

    SpatialIndex index(IndexType type) {
        return indexes.get(type);
    }

    /** The business behind a handle (a row, or {@code -seq} of an overlay entry). */
    BusinessRow resolve(long handle) {
        return handle >= 0 ? table.row((int) handle) : overlay.entry((int) -handle);
    }

    long heapBytes() {
        return table.heapBytes() + indexBytes;
    }

    /** Number of searchable businesses (the quadtree holds exactly the live ones). */
    int size() {
        return quadtree.size();
    }

    private void collectFromQuadtree(LatLng center, double radiusMeters, Matches matches) {
        ExactCircle circle = new ExactCircle(center, radiusMeters);
        quadtree.visitCandidates(center, radiusMeters, (points, from, to) -> {
            for (int i = from; i < to; i++) {
                double distance = circle.distanceMetersIfInside(points, i);
                if (distance < 0) {
                    continue;
                }
                long handle = points.id(i);
                if (handle >= 0) {
                    int row = (int) handle;
                    matches.offer(distance, table.id(row), handle, table.category(row), table.schedule(row));
                } else {
                    // read after the quadtree snapshot, so this overlay already holds the entry
                    BusinessRow entry = overlay.entry((int) -handle);
                    matches.offer(distance, entry.id(), handle, entry.categoryCode(), entry.scheduleCode());
                }
            }
        });
    }

    /** An immutable base index (point ids are rows) plus a linear scan of the overlay. */
    private final class OverlaidIndex implements SpatialIndex {
        private final PointIndex base;

        OverlaidIndex(PointIndex base) {
            this.base = base;
        }

        @Override
        public void collect(LatLng center, double radiusMeters, Matches matches) {
            Overlay changes = overlay;
            ExactCircle circle = new ExactCircle(center, radiusMeters);
            base.visitCandidates(center, radiusMeters, (PointColumns points, int from, int to) -> {
                for (int i = from; i < to; i++) {
                    int row = (int) points.id(i);
                    if (changes.hidesRow(row)) {
                        continue;
                    }
                    double distance = circle.distanceMetersIfInside(points, i);
                    if (distance >= 0) {
                        matches.offer(distance, table.id(row), row, table.category(row), table.schedule(row));
                    }
                }
            });
            for (int seq : changes.liveSeqs()) {
                BusinessRow entry = changes.entry(seq);
                double distance = circle.distanceMetersIfInside(entry.latitude(), entry.longitude());
                if (distance >= 0) {
                    matches.offer(distance, entry.id(), -seq, entry.categoryCode(), entry.scheduleCode());
                }
            }
        }
    }
}
