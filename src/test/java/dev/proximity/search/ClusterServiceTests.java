package dev.proximity.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.proximity.geo.LatLngBox;
import dev.proximity.geo.TestBoxes;
import dev.proximity.geo.WebMercatorGrid;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterService} against brute force over the live businesses: the unfiltered path (the base table's
 * {@link ClusterIndex} walk corrected by the overlay) and the filtered path (a quadtree scan), on a state with a
 * non-empty overlay and again after a rebuild, for boxes across the antimeridian, at the poles, on grid lines and
 * on the businesses' own coordinates, at every zoom the API accepts for them.
 */
class ClusterServiceTests {

    /** Means are sums over at most a few thousand coordinates divided by counts: rounding stays far below this. */
    private static final double MEAN_TOLERANCE_DEGREES = 1e-9;

    private static final String[] CATEGORIES = {"fast_food", "coffee-shop", "cafe", "bakery", "restaurant"};
    private static final String[] WORDS = {"Café", "Crème", "Brûlée", "McDonald's", "Pizza", "Napoli", "東京",
            "ラーメン", "할매국밥", "Straße", "Όσκαρ", "Fish", "Chips", "Bar", "Sushi", "Kebap"};

    private final SearchState state = new SearchState(new CellChanges(), new CellKeys(16), 1_000_000,
            Duration.ofHours(1), new Dictionary<>(key -> null));
    private final ClusterService service = new ClusterService(state, new SearchMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC());

    @AfterEach
    void shutDown() {
        state.shutdown();
    }

    @Test
    void countsPerCellWithTheMeanPositionAndTheCellsBounds() {
        // zoom 0: columns of 90 degrees from -180, rows split at 66.51, 0 and -66.51 degrees
        Map<Long, BusinessRow> truth = new HashMap<>();
        put(truth, row(1, 48.0, 2.0, "cafe", "Café de Flore"));
        put(truth, row(2, 50.0, 4.0, "bakery", "Boulangerie"));
        put(truth, row(3, -33.9, 151.2, "cafe", "Bondi Café"));
        put(truth, row(4, 10.0, 180.0, "cafe", "East"));   // stored at 180: last column
        put(truth, row(5, 10.0, -180.0, "cafe", "West"));  // stored at -180: first column
        state.replaceAll(1, table(truth.values()));
        ClusterResult world = service.clusters(new ClusterQuery(LatLngBox.world(), 0, QueryFilters.NONE));
        assertThat(world.total()).isEqualTo(5);
        ClusterResult.Cluster europe = world.clusters().stream().filter(c -> c.count() == 2).findFirst().orElseThrow();
        assertThat(europe.latitude()).isCloseTo(49.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(europe.longitude()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(new double[] {europe.south(), europe.west(), europe.east()}).containsExactly(0, 0, 90);
        assertThat(europe.north()).isCloseTo(66.5133, org.assertj.core.api.Assertions.within(1e-4));
        // a box from 170 to 180 holds both spellings of the antimeridian, in two cells
        ClusterResult seam = service.clusters(new ClusterQuery(new LatLngBox(0, 170, 20, 180), 0, QueryFilters.NONE));
        assertThat(seam.clusters()).extracting(ClusterResult.Cluster::longitude)
                .containsExactlyInAnyOrder(180.0, -180.0);
        ClusterResult cafes = service.clusters(new ClusterQuery(LatLngBox.world(), 0,
                new QueryFilters(List.of("cafe"), false, null)));
        assertThat(cafes.total()).isEqualTo(4);
        ClusterResult flore = service.clusters(new ClusterQuery(LatLngBox.world(), 0,
                new QueryFilters(List.of(), false, Keywords.Query.of("flore"))));
        assertThat(flore.total()).isEqualTo(1);
    }

    @Test
    void countsABusinessOnABoxEdgeThatRoundsIntoTheNextCell() {
        // 135 - 2^-45 (the double below 135): (lng + 180) / 360 * 16 rounds to exactly 14, so at zoom 2 it lies in
        // column 14, whose western bound is 135. A box ending at that longitude holds the business; its cell's
        // computed bounds lie wholly east of the box.
        double lng = Math.nextDown(135.0);
        assertThat(WebMercatorGrid.column(lng, 2)).isEqualTo(14);
        // the same on a row edge: the latitude just north of a row's computed northern bound, that still rounds
        // into the row
        int zoom = 13;
        double lat = Double.NaN;
        for (long row = 1; row < WebMercatorGrid.size(zoom) && Double.isNaN(lat); row++) {
            double north = WebMercatorGrid.bounds(0, row, zoom)[2];
            if (WebMercatorGrid.row(Math.nextUp(north), zoom) == row) {
                lat = Math.nextUp(north);
            }
        }
        assertThat(lat).as("a latitude above its row's computed bounds").isNotNaN();
        Map<Long, BusinessRow> truth = new HashMap<>();
        put(truth, row(1, 10.0, lng, "cafe", "On the east edge"));
        put(truth, row(2, lat, 20.0, "cafe", "On the south edge"));
        state.replaceAll(1, table(truth.values()));
        for (QueryFilters filters : new QueryFilters[] {QueryFilters.NONE, new QueryFilters(List.of("cafe"), false,
                null)}) {
            assertThat(service.clusters(new ClusterQuery(new LatLngBox(0, 100, 20, lng), 2, filters)).total())
                    .as("east edge, %s", filters.describe()).isEqualTo(1);
            assertThat(service.clusters(new ClusterQuery(new LatLngBox(lat, 19, lat + 1e-3, 21), zoom, filters))
                    .total()).as("south edge, %s", filters.describe()).isEqualTo(1);
        }
    }

    /**
     * Random businesses (poles, both spellings of +-180, Web-Mercator grid lines and one or two ulps beside them,
     * Mercator's latitude limit, clusters, anywhere), random batches of creates, moves and deletes in the overlay,
     * then a rebuild, then more batches: at each stage, for random boxes at every zoom the API accepts for them,
     * without filters, with categories and with keywords, the clusters are the brute-force grouping of the live
     * businesses in the box.
     */
    @Test
    void agreesWithBruteForceThroughOverlayChangesAndRebuilds() {
        agreesWithBruteForce(new Random(51), 3_000, 30);
    }

    /** The same when the base table starts empty: before the rebuild every business is an overlay entry. */
    @Test
    void agreesWithBruteForceWhenEveryBusinessIsInTheOverlay() {
        agreesWithBruteForce(new Random(52), 0, 8);
    }

    private void agreesWithBruteForce(Random random, int initialBusinesses, int boxesPerStage) {
        Map<Long, BusinessRow> truth = new HashMap<>();
        long nextId = 1;
        for (int i = 0; i < initialBusinesses; i++) {
            put(truth, randomRow(random, nextId++));
        }
        long position = 1;
        state.replaceAll(position, table(truth.values()));
        for (int stage = 0; stage < 4; stage++) {
            if (stage == 2) {
                state.rebuild();
                assertThat(state.current().overlay.isEmpty()).isTrue();
            } else {
                for (int batch = 0; batch < 20; batch++) {
                    List<BusinessRow> upserts = new ArrayList<>();
                    List<Long> deletes = new ArrayList<>();
                    List<Long> ids = new ArrayList<>(truth.keySet());
                    ids.add(nextId); // not yet created: a move of it is a create, a delete of it a no-op
                    for (int change = 0; change < 1 + random.nextInt(30); change++) {
                        int action = random.nextInt(10);
                        long id = ids.get(random.nextInt(ids.size()));
                        if (action < 3) {
                            upserts.add(randomRow(random, nextId++));
                        } else if (action < 7 && !deletes.contains(id)
                                && upserts.stream().noneMatch(r -> r.id() == id)) {
                            upserts.add(randomRow(random, id)); // moved, renamed, recategorised
                        } else if (!deletes.contains(id) && upserts.stream().noneMatch(r -> r.id() == id)) {
                            deletes.add(id);
                        }
                    }
                    state.apply(++position, upserts, deletes, List.of());
                    upserts.forEach(r -> put(truth, r));
                    deletes.forEach(truth::remove);
                }
                assertThat(state.current().overlay.isEmpty()).isFalse();
            }
            assertThat(state.current().size()).isEqualTo(truth.size());
            List<BusinessRow> live = new ArrayList<>(truth.values());
            List<Placed> placed = live.stream()
                    .map(r -> new Placed(r, WebMercatorGrid.key(r.latitude(), r.longitude()))).toList();
            for (int b = 0; b < boxesPerStage; b++) {
                LatLngBox box = randomBox(random, live, b);
                List<String> categories = List.of(CATEGORIES[random.nextInt(CATEGORIES.length)],
                        CATEGORIES[random.nextInt(CATEGORIES.length)]).stream().distinct().sorted().toList();
                String q = randomQuery(random, live);
                Keywords.Query keywords = Keywords.Query.of(q);
                List<Placed> inBox = placed.stream().filter(p -> box.contains(p.row.latitude(), p.row.longitude()))
                        .toList();
                List<Placed> inCategories = inBox.stream()
                        .filter(p -> categories.contains(state.categories().decode(p.row.categoryCode()))).toList();
                List<Placed> matching = inBox.stream().filter(p -> matchesByStrings(keywords, p.row)).toList();
                for (int zoom = 0; zoom <= WebMercatorGrid.MAX_ZOOM; zoom++) {
                    if (WebMercatorGrid.cellsIn(box, zoom) > SearchQueryParser.MAX_CLUSTER_CELLS) {
                        continue;
                    }
                    String context = "stage " + stage + ", " + box + ", zoom " + zoom;
                    assertClusters(inBox, box, zoom, QueryFilters.NONE, context);
                    assertClusters(inCategories, box, zoom, new QueryFilters(categories, false, null),
                            context + ", categories " + categories);
                    assertClusters(matching, box, zoom, new QueryFilters(List.of(), false, keywords),
                            context + ", q " + q);
                }
            }
        }
    }

    /** A live business and its finest grid key. */
    private record Placed(BusinessRow row, long key) {
    }

    /** Compares the service's clusters with a grouping of {@code expectedRows}, the box's accepted businesses. */
    private void assertClusters(List<Placed> expectedRows, LatLngBox box, int zoom, QueryFilters filters,
            String context) {
        TreeMap<Long, double[]> expected = new TreeMap<>(); // cell key -> {count, latitude sum, longitude sum}
        for (Placed p : expectedRows) {
            double[] sums = expected.computeIfAbsent(WebMercatorGrid.cellOf(p.key, zoom), k -> new double[3]);
            sums[0]++;
            sums[1] += p.row.latitude();
            sums[2] += p.row.longitude();
        }
        ClusterResult result = service.clusters(new ClusterQuery(box, zoom, filters));
        if (result.clusters().size() > WebMercatorGrid.cellsIn(box, zoom)) {
            fail(context + ": more clusters than the cells the box touches");
        }
        long total = expected.values().stream().mapToLong(s -> (long) s[0]).sum();
        if (result.total() != total || result.clusters().size() != expected.size()) {
            fail(context + ": " + result.total() + " businesses in " + result.clusters().size() + " clusters, expected "
                    + total + " in " + expected.size() + firstDifference(expected, result, zoom));
        }
        int k = 0;
        for (Map.Entry<Long, double[]> cell : expected.entrySet()) {
            ClusterResult.Cluster cluster = result.clusters().get(k++);
            double[] sums = cell.getValue();
            double[] bounds = WebMercatorGrid.bounds(WebMercatorGrid.columnOf(cell.getKey()),
                    WebMercatorGrid.rowOf(cell.getKey()), zoom);
            if (cluster.count() != (long) sums[0]
                    || Math.abs(cluster.latitude() - sums[1] / sums[0]) > MEAN_TOLERANCE_DEGREES
                    || Math.abs(cluster.longitude() - sums[2] / sums[0]) > MEAN_TOLERANCE_DEGREES
                    || cluster.south() != bounds[0] || cluster.west() != bounds[1] || cluster.north() != bounds[2]
                    || cluster.east() != bounds[3]) {
                fail(context + ": cluster " + cluster + ", expected " + (long) sums[0] + " at (" + sums[1] / sums[0]
                        + ", " + sums[2] / sums[0] + ") in " + java.util.Arrays.toString(bounds));
            }
        }
    }

    private static String firstDifference(TreeMap<Long, double[]> expected, ClusterResult result, int zoom) {
        Map<Long, Long> actual = new HashMap<>();
        for (ClusterResult.Cluster c : result.clusters()) {
            long cell = WebMercatorGrid.cellOf(WebMercatorGrid.key(c.latitude(), c.longitude()), zoom);
            actual.put(cell, c.count());
        }
        for (Map.Entry<Long, double[]> cell : expected.entrySet()) {
            long want = (long) cell.getValue()[0];
            if (!actual.containsKey(cell.getKey()) || actual.get(cell.getKey()) != want) {
                return "; first differing cell: column " + WebMercatorGrid.columnOf(cell.getKey()) + ", row "
                        + WebMercatorGrid.rowOf(cell.getKey()) + " expected " + want + ", got "
                        + actual.get(cell.getKey()) + " (mean at (" + cell.getValue()[1] / want + ", "
                        + cell.getValue()[2] / want + "))";
            }
        }
        return "";
    }

    /**
     * The keyword rule on strings: each query token is a prefix of a part of the category code, or of a name
     * token (a substring of one for Han/Kana/Hangul).
     */
    private boolean matchesByStrings(Keywords.Query query, BusinessRow r) {
        String[] parts = state.categories().decode(r.categoryCode()).split("[_-]");
        List<String> nameTokens = Keywords.tokens(r.name());
        for (String token : query.tokens()) {
            boolean cjk = Keywords.isCjk(token.codePointAt(0));
            boolean found = java.util.Arrays.stream(parts).anyMatch(p -> p.startsWith(token))
                    || nameTokens.stream().anyMatch(n -> cjk ? n.contains(token) : n.startsWith(token));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private BusinessRow randomRow(Random random, long id) {
        double[] p = randomPoint(random);
        String name = WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? " " : "")
                + WORDS[random.nextInt(WORDS.length)];
        return row(id, p[0], p[1], CATEGORIES[random.nextInt(CATEGORIES.length)], name);
    }

    private BusinessRow row(long id, double lat, double lng, String category, String name) {
        return new BusinessRow(id, lat, lng, CellKeysTests.s2Leaf(lat, lng), state.categories().encode(category), -1,
                -1, name, null);
    }

    private static void put(Map<Long, BusinessRow> truth, BusinessRow row) {
        truth.put(row.id(), row);
    }

    private static BaseTable table(Iterable<BusinessRow> rows) {
        BaseTable.Builder builder = new BaseTable.Builder(0);
        rows.forEach(builder::add);
        return builder.build();
    }

    private static final double[][] CENTRES = {{48.85, 2.35}, {-17.8, 179.9}, {89.5, 30}, {0.001, -0.001},
            {85.05, -100}, {-85.06, 60}, {35.68, 139.76}};

    private static double[] randomPoint(Random random) {
        switch (random.nextInt(10)) {
            case 0 -> { // a pole, at any longitude or a special one
                return new double[] {random.nextBoolean() ? 90 : -90,
                        random.nextBoolean() ? -180 + 360 * random.nextDouble() : pick(random, 0, 180, -180)};
            }
            case 1 -> { // the antimeridian, in either spelling
                return new double[] {-90 + 180 * random.nextDouble(), random.nextBoolean() ? 180 : -180};
            }
            case 2, 3 -> { // on a grid line of some zoom, or one or two ulps beside it
                int zoom = random.nextInt(WebMercatorGrid.MAX_ZOOM + 1);
                long n = WebMercatorGrid.size(zoom);
                double[] b = WebMercatorGrid.bounds((long) (random.nextDouble() * n), (long) (random.nextDouble() * n),
                        zoom);
                double lat = nudge(random, b[random.nextBoolean() ? 0 : 2]);
                double lng = nudge(random, b[random.nextBoolean() ? 1 : 3]);
                return new double[] {Math.max(-90, Math.min(90, random.nextInt(3) == 0
                        ? Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)) : lat)),
                        Math.max(-180, Math.min(180, random.nextInt(3) == 0 ? -180 + 360 * random.nextDouble() : lng))};
            }
            case 4 -> { // at Mercator's latitude limit, beside it, or beyond it
                double limit = WebMercatorGrid.MAX_MERCATOR_LAT * (random.nextBoolean() ? 1 : -1);
                double lat = random.nextBoolean() ? nudge(random, limit)
                        : Math.copySign(85.06 + 4.94 * random.nextDouble(), limit);
                return new double[] {lat, -180 + 360 * random.nextDouble()};
            }
            case 5, 6 -> { // clustered, some clusters across the antimeridian or near a pole
                double[] c = CENTRES[random.nextInt(CENTRES.length)];
                double spread = random.nextBoolean() ? 0.01 : 0.5;
                double lat = Math.max(-90, Math.min(90, c[0] + random.nextGaussian() * spread));
                double lng = c[1] + random.nextGaussian() * spread;
                lng = lng > 180 ? lng - 360 : lng < -180 ? lng + 360 : lng;
                return new double[] {lat, lng};
            }
            default -> {
                return new double[] {Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)),
                        -180 + 360 * random.nextDouble()};
            }
        }
    }

    /** The value, or one or two ulps beside it. */
    private static double nudge(Random random, double value) {
        return switch (random.nextInt(5)) {
            case 0 -> Math.nextUp(value);
            case 1 -> Math.nextDown(value);
            case 2 -> Math.nextDown(Math.nextDown(value));
            default -> value;
        };
    }

    /**
     * Boxes of every kind {@link TestBoxes} makes, boxes whose edges are the coordinates of live businesses (so
     * businesses lie exactly on them), boxes with edges on grid lines and small boxes around a cluster.
     */
    private static LatLngBox randomBox(Random random, List<BusinessRow> live, int index) {
        switch (index % 4) {
            case 0 -> {
                BusinessRow a = live.get(random.nextInt(live.size()));
                BusinessRow b = live.get(random.nextInt(live.size()));
                return new LatLngBox(Math.min(a.latitude(), b.latitude()), a.longitude(),
                        Math.max(a.latitude(), b.latitude()), b.longitude());
            }
            case 1 -> {
                BusinessRow a = live.get(random.nextInt(live.size()));
                double size = Math.pow(10, -4 + 4 * random.nextDouble());
                double south = Math.max(-90, a.latitude() - size * random.nextDouble());
                double west = a.longitude() - size * random.nextDouble();
                double east = a.longitude() + size * random.nextDouble();
                return new LatLngBox(south, west < -180 ? west + 360 : west, Math.min(90, south + size),
                        east > 180 ? east - 360 : east);
            }
            case 2 -> {
                int zoom = random.nextInt(WebMercatorGrid.MAX_ZOOM + 1);
                long n = WebMercatorGrid.size(zoom);
                double[] a = WebMercatorGrid.bounds((long) (random.nextDouble() * n), (long) (random.nextDouble() * n),
                        zoom);
                double[] b = WebMercatorGrid.bounds((long) (random.nextDouble() * n), (long) (random.nextDouble() * n),
                        zoom);
                double south = Math.max(-90, nudge(random, a[0]));
                double north = Math.min(90, nudge(random, b[2]));
                return new LatLngBox(Math.min(south, north), Math.max(-180, nudge(random, a[1])),
                        Math.max(south, north), Math.min(180, nudge(random, b[3])));
            }
            default -> {
                return TestBoxes.box(random, random.nextInt(9));
            }
        }
    }

    /** A query that some businesses match: a word of a name or of a category, often cut to a prefix. */
    private static String randomQuery(Random random, List<BusinessRow> live) {
        String word = random.nextInt(4) == 0 ? CATEGORIES[random.nextInt(CATEGORIES.length)]
                : WORDS[random.nextInt(WORDS.length)];
        List<String> tokens = Keywords.tokens(word);
        String token = tokens.get(random.nextInt(tokens.size()));
        int[] cps = token.codePoints().toArray();
        String q = new String(cps, 0, 1 + random.nextInt(cps.length));
        return random.nextInt(3) == 0 ? q + " " + WORDS[random.nextInt(WORDS.length)] : q;
    }

    private static double pick(Random random, double... values) {
        return values[random.nextInt(values.length)];
    }
}
