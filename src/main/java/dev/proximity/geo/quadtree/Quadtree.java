package dev.proximity.geo.quadtree;

import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.CandidateVisitor;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.KeySort;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.PointColumns;
import dev.proximity.geo.PointIndex;
import dev.proximity.geo.SortedKeys;
import dev.proximity.geo.geohash.Geohash;
import java.util.ArrayList;
import java.util.List;

/**
 * A region quadtree over the latitude/longitude rectangle [-90, 90] x [-180, 180], in memory.
 *
 * <p><b>Shape.</b> Each branch halves its rectangle in longitude and latitude; the quadrant of a point at depth
 * {@code d} is the pair of geohash bits {@code 2d, 2d+1} (longitude, latitude), so the tree is a trie over
 * 60-bit geohash keys and shares {@link Geohash}'s rule for points on a boundary. A leaf holds its points in
 * primitive {@link PointColumns} (48 bytes per point) and splits when it would exceed {@code leafCapacity} points
 * (default {@link #DEFAULT_LEAF_CAPACITY}), unless it is at depth {@link #MAX_DEPTH} (about 2 cm by 4 cm), which
 * bounds the tree when many points share a location. Empty quadrants are {@code null}.
 *
 * <p><b>Queries.</b> A circle is turned into its {@link BoundingBox#around bounding boxes} (two across the
 * antimeridian, a full-longitude cap at a pole); a branch is entered if its rectangle intersects any box, and a
 * leaf is offered if it also passes the exact rectangle-to-circle distance test
 * ({@link BoundingBox#minDistanceMeters(double, double, double, double, double, double)}); leaves that a flat-earth
 * estimate puts well inside the circle skip that trigonometry (accepting is always safe, only rejecting must be
 * exact). Each leaf is visited at most once even when it intersects both antimeridian boxes.
 *
 * <p><b>Concurrency: immutable snapshots, copy-on-write.</b> Nodes are never modified after they are published.
 * A change copies the path from the root to the affected leaf (at most {@code MAX_DEPTH} small nodes plus one leaf
 * of at most {@code leafCapacity} points) and publishes the new root with one volatile write. Readers read the
 * root once per query and traverse an immutable tree, so they need no lock, are never blocked by the writer and
 * see every change entirely or not at all ({@link #move} is one change). Writers are serialised by the instance
 * lock. This suits a read-mostly index (thousands of queries per change) better than a read-write lock, whose
 * readers would contend on a shared counter, and costs a few kilobytes of garbage per change.
 *
 * <p><b>Removal</b> needs the point's current coordinates (the change feed carries them), because the tree keeps
 * no id-to-position map: such a map would cost more heap than the tree itself. Branches emptied by removals are
 * pruned to {@code null}; partly emptied branches are not merged back into leaves.
 *
 * <pre>{@code
 * Quadtree tree = Quadtree.build(ids, lats, lngs);
 * tree.move(42, 47.37, 8.54, 47.38, 8.55);
 * NeighborQueryResult hits = tree.nearest(LatLng.ofDegrees(90, 0), 10_000, 50);
 * }</pre>
 */
public final class Quadtree implements PointIndex {

    /** Default leaf capacity: a leaf splits when it would hold more than 100 points. */
    public static final int DEFAULT_LEAF_CAPACITY = 100;

    /** Maximum depth; 30 levels use all 60 geohash bits. */
    public static final int MAX_DEPTH = 30;

    private static final int KEY_BITS = Geohash.MAX_BITS;

    /** Leaves whose estimated distance is below this fraction of the radius skip the exact leaf test. */
    private static final double SURE_FRACTION = 0.9;

    private final int leafCapacity;
    private volatile Snapshot snapshot;

    private record Snapshot(Node root, int size) {
    }

    private Quadtree(int leafCapacity, Snapshot snapshot) {
        this.leafCapacity = leafCapacity;
        this.snapshot = snapshot;
    }

    /** Returns an empty tree with the given leaf capacity ({@code >= 1}). */
    public static Quadtree empty(int leafCapacity) {
        return new Quadtree(requireCapacity(leafCapacity), new Snapshot(null, 0));
    }

    /** Bulk-builds a tree with {@link #DEFAULT_LEAF_CAPACITY}; the arrays are copied, not retained. */
    public static Quadtree build(long[] ids, double[] latDegrees, double[] lngDegrees) {
        return build(ids, latDegrees, lngDegrees, DEFAULT_LEAF_CAPACITY);
    }

    /**
     * Bulk-builds a tree: computes every point's geohash key, radix-sorts the keys, and cuts the sorted run
     * top-down into quadrants by binary search, so the whole build is linear after the sort.
     */
    public static Quadtree build(long[] ids, double[] latDegrees, double[] lngDegrees, int leafCapacity) {
        requireCapacity(leafCapacity);
        int n = ids.length;
        if (latDegrees.length != n || lngDegrees.length != n) {
            throw new IllegalArgumentException("ids, latitudes and longitudes differ in length");
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            if (!LatLng.isValid(latDegrees[i], lngDegrees[i])) {
                throw new IllegalArgumentException("point " + ids[i] + " has invalid coordinates");
            }
            keys[i] = Geohash.encodeBits(latDegrees[i], lngDegrees[i], KEY_BITS);
        }
        int[] order = KeySort.sortWithOrder(keys);
        Node root = buildNode(new Source(ids, latDegrees, lngDegrees, order, keys), 0, n, 0, 0L, leafCapacity);
        return new Quadtree(leafCapacity, new Snapshot(root, n));
    }

    private static int requireCapacity(int leafCapacity) {
        if (leafCapacity < 1) {
            throw new IllegalArgumentException("leafCapacity must be >= 1: " + leafCapacity);
        }
        return leafCapacity;
    }

    /** Points sorted by key: row {@code k} is input point {@code order[k]} with key {@code keys[k]}. */
    private record Source(long[] ids, double[] lat, double[] lng, int[] order, long[] keys) {
    }

    private static Node buildNode(Source source, int from, int to, int depth, long prefix, int capacity) {
        if (from == to) {
            return null;
        }
        if (to - from <= capacity || depth == MAX_DEPTH) {
            return new Leaf(PointColumns.gather(source.ids, source.lat, source.lng, source.order, from, to));
        }
        Node[] children = new Node[4];
        int start = from;
        int childShift = KEY_BITS - 2 * (depth + 1);
        for (int quadrant = 0; quadrant < 4; quadrant++) {
            long childPrefix = (prefix << 2) | quadrant;
            int end = quadrant == 3 ? to : SortedKeys.lowerBound(source.keys, (childPrefix + 1) << childShift, start, to);
            children[quadrant] = buildNode(source, start, end, depth + 1, childPrefix, capacity);
            start = end;
        }
        return new Branch(children);
    }

    @Override
    public int size() {
        return snapshot.size();
    }

    /** The leaf capacity this tree splits at. */
    public int leafCapacity() {
        return leafCapacity;
    }

    /** Adds a point. Ids are not checked for uniqueness; adding an id twice stores it twice. */
    public synchronized void insert(long id, double latDegrees, double lngDegrees) {
        requireValid(latDegrees, lngDegrees);
        Snapshot current = snapshot;
        Node root = insert(current.root(), 0, key(latDegrees, lngDegrees), id, latDegrees, lngDegrees);
        snapshot = new Snapshot(root, current.size() + 1);
    }

    /**
     * Removes the point with this id stored at exactly these coordinates.
     *
     * @return {@code true} if it was found and removed
     */
    public synchronized boolean remove(long id, double latDegrees, double lngDegrees) {
        requireValid(latDegrees, lngDegrees);
        Snapshot current = snapshot;
        Node root = remove(current.root(), 0, id, latDegrees, lngDegrees);
        if (root == NOT_FOUND) {
            return false;
        }
        snapshot = new Snapshot(root, current.size() - 1);
        return true;
    }

    /**
     * Moves a point from its old to its new coordinates as one change: no reader sees it missing or twice.
     *
     * @return {@code true} if the point was found at the old coordinates (otherwise nothing changes)
     */
    public synchronized boolean move(long id, double oldLatDegrees, double oldLngDegrees, double newLatDegrees,
            double newLngDegrees) {
        requireValid(oldLatDegrees, oldLngDegrees);
        requireValid(newLatDegrees, newLngDegrees);
        Snapshot current = snapshot;
        Node removed = remove(current.root(), 0, id, oldLatDegrees, oldLngDegrees);
        if (removed == NOT_FOUND) {
            return false;
        }
        Node root = insert(removed, 0, key(newLatDegrees, newLngDegrees), id, newLatDegrees, newLngDegrees);
        snapshot = new Snapshot(root, current.size());
        return true;
    }

    /**
     * Returns a new tree with a batch of edits applied, leaving this one as it is (unchanged nodes are shared, so
     * this costs what the same edits cost in place). A caller that publishes the returned tree with one volatile
     * write makes the whole batch visible at once: a business that moves within it is never missing or doubled.
     *
     * <pre>{@code
     * Quadtree next = tree.edited(edit -> {
     *     edit.remove(42, 47.37, 8.54);
     *     edit.insert(42, 47.38, 8.55);
     * });
     * }</pre>
     */
    public Quadtree edited(java.util.function.Consumer<Editor> edits) {
        Snapshot current = snapshot;
        Editor editor = new Editor(current.root(), current.size());
        edits.accept(editor);
        return new Quadtree(leafCapacity, new Snapshot(editor.root, editor.size));
    }

    /** The edits of one {@link #edited} batch; valid only inside it. */
    public final class Editor {
        private Node root;
        private int size;

        private Editor(Node root, int size) {
            this.root = root;
            this.size = size;
        }

        /** Adds a point (ids are not checked for uniqueness). */
        public void insert(long id, double latDegrees, double lngDegrees) {
            requireValid(latDegrees, lngDegrees);
            root = Quadtree.this.insert(root, 0, key(latDegrees, lngDegrees), id, latDegrees, lngDegrees);
            size++;
        }

        /** Removes the point with this id at exactly these coordinates; false if there is none. */
        public boolean remove(long id, double latDegrees, double lngDegrees) {
            requireValid(latDegrees, lngDegrees);
            Node removed = Quadtree.remove(root, 0, id, latDegrees, lngDegrees);
            if (removed == NOT_FOUND) {
                return false;
            }
            root = removed;
            size--;
            return true;
        }
    }

    private static void requireValid(double latDegrees, double lngDegrees) {
        if (!LatLng.isValid(latDegrees, lngDegrees)) {
            throw new IllegalArgumentException("invalid coordinates " + latDegrees + ", " + lngDegrees);
        }
    }

    private static long key(double latDegrees, double lngDegrees) {
        return Geohash.encodeBits(latDegrees, lngDegrees, KEY_BITS);
    }

    private static int quadrant(long key, int depth) {
        return (int) (key >>> (KEY_BITS - 2 * (depth + 1))) & 3;
    }

    private Node insert(Node node, int depth, long key, long id, double lat, double lng) {
        if (node == null) {
            return new Leaf(PointColumns.copyOf(new long[] {id}, new double[] {lat}, new double[] {lng}));
        }
        if (node instanceof Leaf leaf) {
            PointColumns grown = leaf.points.with(id, lat, lng);
            if (grown.size() <= leafCapacity || depth == MAX_DEPTH) {
                return new Leaf(grown);
            }
            return split(grown, depth);
        }
        Node[] children = ((Branch) node).children.clone();
        int q = quadrant(key, depth);
        children[q] = insert(children[q], depth + 1, key, id, lat, lng);
        return new Branch(children);
    }

    private Node split(PointColumns points, int depth) {
        int n = points.size();
        long[] ids = new long[n];
        double[] lat = new double[n];
        double[] lng = new double[n];
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = points.id(i);
            lat[i] = points.latDegrees(i);
            lng[i] = points.lngDegrees(i);
            keys[i] = key(lat[i], lng[i]);
        }
        int[] order = KeySort.sortWithOrder(keys);
        long prefix = keys[0] >>> (KEY_BITS - 2 * depth);
        if (depth == 0) {
            prefix = 0;
        }
        return buildNode(new Source(ids, lat, lng, order, keys), 0, n, depth, prefix, leafCapacity);
    }

    /** Marker for "id not found" in {@code remove}; never part of a tree. */
    private static final Node NOT_FOUND = new Leaf(PointColumns.empty());

    private static Node remove(Node node, int depth, long id, double lat, double lng) {
        if (node == null) {
            return NOT_FOUND;
        }
        if (node instanceof Leaf leaf) {
            int row = leaf.points.indexOf(id, lat, lng);
            if (row < 0) {
                return NOT_FOUND;
            }
            return leaf.points.size() == 1 ? null : new Leaf(leaf.points.without(row));
        }
        Node[] children = ((Branch) node).children.clone();
        int q = quadrant(key(lat, lng), depth);
        Node child = remove(children[q], depth + 1, id, lat, lng);
        if (child == NOT_FOUND) {
            return NOT_FOUND;
        }
        children[q] = child;
        for (Node c : children) {
            if (c != null) {
                return new Branch(children);
            }
        }
        return null;
    }

    @Override
    public void visitCandidates(LatLng center, double radiusMeters, CandidateVisitor visitor) {
        List<BoundingBox> boxes = BoundingBox.around(center, radiusMeters);
        Node root = snapshot.root();
        if (root != null) {
            new Query(center, radiusMeters, boxes, visitor, null).visit(root, -90.0, 90.0, -180.0, 180.0);
        }
    }

    /**
     * Offers the points of every leaf whose rectangle intersects the closed rectangle
     * {@code [minLat, maxLat] x [minLng, maxLng]} (no antimeridian wrap: {@code minLng <= maxLng}), so every point
     * inside it is offered, and some outside it; the caller filters exactly (a geohash or S2 cell, say).
     */
    public void visitRectangle(double minLatDegrees, double maxLatDegrees, double minLngDegrees,
            double maxLngDegrees, CandidateVisitor visitor) {
        BoundingBox box = new BoundingBox(minLatDegrees, maxLatDegrees, minLngDegrees, maxLngDegrees);
        Node root = snapshot.root();
        if (root != null) {
            visitRectangle(root, box, -90.0, 90.0, -180.0, 180.0, visitor);
        }
    }

    private static void visitRectangle(Node node, BoundingBox box, double minLat, double maxLat, double minLng,
            double maxLng, CandidateVisitor visitor) {
        if (!box.intersects(minLat, maxLat, minLng, maxLng)) {
            return;
        }
        if (node instanceof Leaf leaf) {
            visitor.visit(leaf.points, 0, leaf.points.size());
            return;
        }
        Node[] children = ((Branch) node).children;
        double midLat = (minLat + maxLat) * 0.5;
        double midLng = (minLng + maxLng) * 0.5;
        if (children[0] != null) {
            visitRectangle(children[0], box, minLat, midLat, minLng, midLng, visitor);
        }
        if (children[1] != null) {
            visitRectangle(children[1], box, midLat, maxLat, minLng, midLng, visitor);
        }
        if (children[2] != null) {
            visitRectangle(children[2], box, minLat, midLat, midLng, maxLng, visitor);
        }
        if (children[3] != null) {
            visitRectangle(children[3], box, midLat, maxLat, midLng, maxLng, visitor);
        }
    }

    /**
     * The rectangles of the leaves a query for this circle reads, in visiting order: what the tree actually
     * touched, for drawing on a map. Uses the same pruning as {@link #visitCandidates}.
     */
    public List<BoundingBox> visitedLeafBounds(LatLng center, double radiusMeters) {
        List<BoundingBox> boxes = BoundingBox.around(center, radiusMeters);
        List<BoundingBox> leaves = new ArrayList<>();
        Node root = snapshot.root();
        if (root != null) {
            new Query(center, radiusMeters, boxes, (points, from, to) -> { }, leaves)
                    .visit(root, -90.0, 90.0, -180.0, 180.0);
        }
        return leaves;
    }

    private static final class Query {
        private final double lat;
        private final double lng;
        private final double radiusMeters;
        private final BoundingBox first;
        private final BoundingBox second;
        private final CandidateVisitor visitor;
        private final double cosLat;
        private final double acceptDegrees2;
        private final List<BoundingBox> visitedLeaves; // null unless someone asked to see them

        Query(LatLng center, double radiusMeters, List<BoundingBox> boxes, CandidateVisitor visitor,
                List<BoundingBox> visitedLeaves) {
            this.lat = center.latDegrees();
            this.lng = center.lngDegrees();
            this.radiusMeters = radiusMeters;
            this.first = boxes.get(0);
            this.second = boxes.size() > 1 ? boxes.get(1) : null;
            this.visitor = visitor;
            this.visitedLeaves = visitedLeaves;
            this.cosLat = Math.cos(Math.toRadians(lat));
            double acceptDegrees = Math.toDegrees(Haversine.metersToRadians(radiusMeters)) * SURE_FRACTION;
            this.acceptDegrees2 = acceptDegrees * acceptDegrees;
        }

        /**
         * A cheap flat-earth estimate of the distance to the rectangle's nearest point, used only to <em>accept</em>
         * leaves that are clearly inside the circle without the trigonometry of the exact test: a wrong accept
         * costs a few extra candidates (the exact filter drops them), never a miss, so the estimate need not be
         * exact; rejecting is left to the exact test.
         */
        boolean surelyTouches(double minLat, double maxLat, double minLng, double maxLng) {
            double dLat = lat < minLat ? minLat - lat : (lat > maxLat ? lat - maxLat : 0.0);
            double dLng = 0.0;
            if (lng < minLng || lng > maxLng) {
                dLng = Math.min(wrapped(Math.abs(lng - minLng)), wrapped(Math.abs(lng - maxLng))) * cosLat;
            }
            return dLat * dLat + dLng * dLng <= acceptDegrees2;
        }

        private static double wrapped(double gapDegrees) {
            return gapDegrees > 180.0 ? 360.0 - gapDegrees : gapDegrees;
        }

        void visit(Node node, double minLat, double maxLat, double minLng, double maxLng) {
            if (!first.intersects(minLat, maxLat, minLng, maxLng)
                    && (second == null || !second.intersects(minLat, maxLat, minLng, maxLng))) {
                return;
            }
            if (node instanceof Leaf leaf) {
                // slightly generous comparison: rounding must never drop a leaf that touches the circle
                if (surelyTouches(minLat, maxLat, minLng, maxLng)
                        || BoundingBox.minDistanceMeters(lat, lng, minLat, maxLat, minLng, maxLng)
                        <= radiusMeters * (1 + 1e-9) + 1e-3) {
                    visitor.visit(leaf.points, 0, leaf.points.size());
                    if (visitedLeaves != null) {
                        visitedLeaves.add(new BoundingBox(minLat, maxLat, minLng, maxLng));
                    }
                }
                return;
            }
            Node[] children = ((Branch) node).children;
            double midLat = (minLat + maxLat) * 0.5;
            double midLng = (minLng + maxLng) * 0.5;
            // quadrant bits: (longitude upper half) << 1 | (latitude upper half)
            if (children[0] != null) {
                visit(children[0], minLat, midLat, minLng, midLng);
            }
            if (children[1] != null) {
                visit(children[1], midLat, maxLat, minLng, midLng);
            }
            if (children[2] != null) {
                visit(children[2], minLat, midLat, midLng, maxLng);
            }
            if (children[3] != null) {
                visit(children[3], midLat, maxLat, midLng, maxLng);
            }
        }
    }

    @Override
    public long heapBytes() {
        return 32 + heapBytes(snapshot.root());
    }

    private static long heapBytes(Node node) {
        if (node == null) {
            return 0;
        }
        if (node instanceof Leaf leaf) {
            return 16 + leaf.points.heapBytes();
        }
        long bytes = 16 + 32; // branch object + Node[4]
        for (Node child : ((Branch) node).children) {
            bytes += heapBytes(child);
        }
        return bytes;
    }

    /** Counts leaves and the deepest level, for tests and tuning. */
    int[] leafCountAndDepth() {
        int[] out = new int[2];
        count(snapshot.root(), 0, out);
        return out;
    }

    private static void count(Node node, int depth, int[] out) {
        if (node instanceof Leaf) {
            out[0]++;
            out[1] = Math.max(out[1], depth);
        } else if (node instanceof Branch branch) {
            for (Node child : branch.children) {
                count(child, depth + 1, out);
            }
        }
    }

    /** Returns the largest number of points in any leaf (for tests). */
    int maxLeafSize() {
        return maxLeafSize(snapshot.root());
    }

    private static int maxLeafSize(Node node) {
        if (node instanceof Leaf leaf) {
            return leaf.points.size();
        }
        int max = 0;
        if (node instanceof Branch branch) {
            for (Node child : branch.children) {
                max = Math.max(max, maxLeafSize(child));
            }
        }
        return max;
    }

    private sealed interface Node permits Branch, Leaf {
    }

    private static final class Branch implements Node {
        final Node[] children;

        Branch(Node[] children) {
            this.children = children;
        }
    }

    private static final class Leaf implements Node {
        final PointColumns points;

        Leaf(PointColumns points) {
            this.points = points;
        }
    }
}
