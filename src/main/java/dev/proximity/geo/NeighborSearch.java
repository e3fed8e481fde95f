package dev.proximity.geo;

import java.util.List;

/**
 * The exact step after any {@link PointIndex}: filters candidates by distance and keeps the {@code limit} closest.
 *
 * <p>Per candidate it compares the squared chord between unit vectors with the squared chord of the radius
 * ({@link ExactCircle}), which is monotonic in the great-circle distance and costs three multiplications; only
 * candidates within a relative band of {@code 1e-6} of the boundary are decided by {@link Haversine#distanceMeters}
 * itself, so the set of matches is exactly the set the haversine oracle accepts ({@code distance <= radiusMeters}).
 * The top {@code limit} are kept in a bounded max-heap on primitive arrays keyed on (chord, id); a candidate whose
 * chord is above the heap's worst is dropped with one comparison. At the end the heap is sorted in place, the
 * haversine distance is computed once per kept neighbour (with the centre's cosine computed once per query), and
 * an insertion sort puts them in (distance, id) order, which costs one comparison per neighbour because the chord
 * order already agrees except for near-ties. Two points whose distances differ by less than about 1e-9 m may be
 * <em>selected</em> by the chord metric instead, which only matters for near-ties the haversine formula itself
 * cannot resolve; every reported distance is the exact haversine value.
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
        private final double rejectAbove;
        private final int limit;
        // bounded max-heap on (chord2, id): the root is the worst of the kept neighbours
        private final double[] heapChord2;
        private final long[] heapIds;
        private final double[] heapLat;
        private final double[] heapLng;
        private int heapSize;
        /** Chord of the heap's root once it is full: a match above it cannot enter (ties are decided by id). */
        private double heapWorst;
        private int candidates;
        private int matches;

        Collector(LatLng center, double radiusMeters, int limit) {
            this.circle = new ExactCircle(center, radiusMeters);
            this.rejectAbove = circle.rejectAbove();
            this.limit = limit;
            this.heapChord2 = new double[limit];
            this.heapIds = new long[limit];
            this.heapLat = new double[limit];
            this.heapLng = new double[limit];
            this.heapWorst = limit == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }

        @Override
        public void visit(PointColumns points, int fromRow, int toRow) {
            candidates += toRow - fromRow;
            for (int row = fromRow; row < toRow; row++) {
                double chord2 = circle.chord2(points, row);
                if (chord2 > rejectAbove || !circle.contains(points, row, chord2)) {
                    continue;
                }
                matches++;
                if (chord2 <= heapWorst) {
                    offer(chord2, points, row);
                }
            }
        }

        private void offer(double chord2, PointColumns points, int row) {
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
            } else if (worse(heapChord2[0], heapIds[0], chord2, id)) {
                siftDown(heapSize, chord2, id, points.latDegrees(row), points.lngDegrees(row));
            } else {
                return;
            }
            if (heapSize == limit) {
                heapWorst = heapChord2[0];
            }
        }

        /** Puts the entry into the hole at the root of a heap of {@code size} entries and restores the order. */
        private void siftDown(int size, double chord2, long id, double lat, double lng) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size
                        && worse(heapChord2[child + 1], heapIds[child + 1], heapChord2[child], heapIds[child])) {
                    child++;
                }
                if (!worse(heapChord2[child], heapIds[child], chord2, id)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, chord2, id, lat, lng);
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
            int n = heapSize;
            // heap sort in place: afterwards rows 0..n-1 ascend by (chord2, id)
            for (int end = n - 1; end > 0; end--) {
                double chord2 = heapChord2[end];
                long id = heapIds[end];
                double lat = heapLat[end];
                double lng = heapLng[end];
                move(0, end);
                siftDown(end, chord2, id, lat, lng);
            }
            double[] distances = new double[n];
            long[] ids = heapIds;
            for (int k = 0; k < n; k++) {
                double distance = circle.distanceMeters(heapLat[k], heapLng[k]);
                long id = ids[k];
                int j = k;
                // insertion by (distance, id): at most a step or two, only where chord and haversine disagree
                while (j > 0 && (distances[j - 1] > distance || (distances[j - 1] == distance && ids[j - 1] > id))) {
                    distances[j] = distances[j - 1];
                    ids[j] = ids[j - 1];
                    j--;
                }
                distances[j] = distance;
                ids[j] = id;
            }
            Neighbor[] neighbors = new Neighbor[n];
            for (int k = 0; k < n; k++) {
                neighbors[k] = new Neighbor(ids[k], distances[k]);
            }
            return new NeighborQueryResult(List.of(neighbors), candidates, matches);
        }
    }
}
