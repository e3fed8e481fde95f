package dev.proximity.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The exact step after any {@link PointIndex}: filters candidates by distance and keeps the {@code limit} closest.
 *
 * <p>Per candidate it compares the squared chord between unit vectors with the squared chord of the radius, which
 * is monotonic in the great-circle distance and costs three multiplications. Candidates within a relative band of
 * {@code 1e-6} of the boundary are decided by {@link Haversine#distanceMeters} itself, so the set of matches is
 * exactly the set the haversine oracle accepts ({@code distance <= radiusMeters}). The top {@code limit} are kept
 * in a bounded heap keyed on (chord, id) and their haversine distances are computed at the end; the result is
 * ordered by (distance, id). Two points whose distances differ by less than about 1e-9 m may be ordered by the
 * chord metric instead, which only matters for near-ties the haversine formula itself cannot resolve.
 *
 * <p>Stateless; each call allocates its own small heap, so concurrent calls are safe.
 */
public final class NeighborSearch {

    private NeighborSearch() {
    }

    /** See {@link PointIndex#nearest}. */
    public static NeighborQueryResult nearest(PointIndex index, LatLng center, double radiusMeters, int limit) {
        BoundingBox.requireRadiusMeters(radiusMeters);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        Collector collector = new Collector(center, radiusMeters, limit);
        index.visitCandidates(center, radiusMeters, collector);
        return collector.result();
    }

    private static final class Collector implements CandidateVisitor {
        private final ExactCircle circle;
        private final int limit;
        // bounded max-heap on (chord2, id): the root is the worst of the kept neighbours
        private final double[] heapChord2;
        private final long[] heapIds;
        private final double[] heapLat;
        private final double[] heapLng;
        private int heapSize;
        private int candidates;
        private int matches;

        Collector(LatLng center, double radiusMeters, int limit) {
            this.circle = new ExactCircle(center, radiusMeters);
            this.limit = limit;
            this.heapChord2 = new double[limit];
            this.heapIds = new long[limit];
            this.heapLat = new double[limit];
            this.heapLng = new double[limit];
        }

        @Override
        public void visit(PointColumns points, int fromRow, int toRow) {
            candidates += toRow - fromRow;
            for (int row = fromRow; row < toRow; row++) {
                double chord2 = circle.chord2(points, row);
                if (!circle.contains(points, row, chord2)) {
                    continue;
                }
                matches++;
                offer(chord2, points, row);
            }
        }

        private void offer(double chord2, PointColumns points, int row) {
            if (limit == 0) {
                return;
            }
            long id = points.id(row);
            if (heapSize < limit) {
                int i = heapSize++;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (!worse(chord2, id, heapChord2[parent], heapIds[parent])) {
                        break;
                    }
                    move(parent, i);
                    i = parent;
                }
                set(i, chord2, id, points.latDegrees(row), points.lngDegrees(row));
                return;
            }
            if (!worse(heapChord2[0], heapIds[0], chord2, id)) {
                return;
            }
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= heapSize) {
                    break;
                }
                if (child + 1 < heapSize && worse(heapChord2[child + 1], heapIds[child + 1], heapChord2[child],
                        heapIds[child])) {
                    child++;
                }
                if (!worse(heapChord2[child], heapIds[child], chord2, id)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, chord2, id, points.latDegrees(row), points.lngDegrees(row));
        }

        private static boolean worse(double chordA, long idA, double chordB, long idB) {
            return chordA > chordB || (chordA == chordB && idA > idB);
        }

        private void move(int from, int to) {
            heapChord2[to] = heapChord2[from];
            heapIds[to] = heapIds[from];
            heapLat[to] = heapLat[from];
            heapLng[to] = heapLng[from];
        }

        private void set(int i, double chord2, long id, double lat, double lng) {
            heapChord2[i] = chord2;
            heapIds[i] = id;
            heapLat[i] = lat;
            heapLng[i] = lng;
        }

        NeighborQueryResult result() {
            List<Neighbor> neighbors = new ArrayList<>(heapSize);
            for (int i = 0; i < heapSize; i++) {
                neighbors.add(new Neighbor(heapIds[i],
                        circle.distanceMeters(heapLat[i], heapLng[i])));
            }
            neighbors.sort(Comparator.comparingDouble(Neighbor::distanceMeters).thenComparingLong(Neighbor::id));
            return new NeighborQueryResult(neighbors, candidates, matches);
        }
    }
}
