package dev.proximity.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.proximity.search.ShapesFixture.Place;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.proximity.search.ShapesFixture.clamp;
import static dev.proximity.search.ShapesFixture.round6;
import static dev.proximity.search.ShapesFixture.wrap;
import static dev.proximity.support.ProblemAssertions.assertFieldError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nearest, area and clusters, through every index, against brute-force oracles computed here (see
 * {@link ShapesFixture}): random centres and boxes with fixed seeds, centres at the poles and on the antimeridian,
 * ties at the k-th place, boxes across the antimeridian, around a pole and with edges exactly on businesses, the
 * Web-Mercator grid at many zooms; and the 400s of bad input. Keywords are in {@link KeywordSearchOracleTests}.
 */
@ApiIntegrationTest
class SearchShapesOracleTests {

    private static final List<String> INDEXES = List.of("geohash", "quadtree", "s2");

    @LocalServerPort
    int port;

    @Autowired
    SearchState state;

    private ShapesFixture fixture() {
        return ShapesFixture.of(port, state);
    }

    // ---------------------------------------------------------------------------------------------------------
    // nearest

    @ParameterizedTest
    @ValueSource(strings = {"geohash", "quadtree", "s2"})
    void nearestIsTheOraclesKNearestWithinMaxDistance(String index) {
        ShapesFixture f = fixture();
        ApiClient api = new ApiClient(port);
        Random random = new Random(11 + index.hashCode());
        for (int i = 0; i < 70; i++) {
            double[] center = center(f, random);
            if (random.nextBoolean()) { // most often near businesses
                Place near = f.places.get(random.nextInt(f.places.size()));
                center = new double[] {round6(clamp(near.lat() + random.nextGaussian() * 0.02, 90)),
                        round6(wrap(near.lng() + random.nextGaussian() * 0.02))};
            }
            Integer limit = switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> 1;
                default -> 1 + random.nextInt(50);
            };
            Double maxDistance = switch (random.nextInt(8)) {
                case 0 -> null;
                case 1 -> 1.0;
                case 2 -> 50_000.0;
                default -> Math.round(1000 * Math.exp(random.nextDouble() * Math.log(50)) * 100) / 100.0;
            };
            f.nearest(api, index, center[0], center[1], limit, maxDistance, filter(f, random),
                    random.nextInt(5) == 0 ? KeywordSearchOracleTests.randomQ(f, random) : null,
                    random.nextInt(4) == 0);
        }
    }

    @Test
    void nearestBreaksTiesAtTheKthPlaceByIdAndReturnsAllWhenFewerMatch() {
        ShapesFixture f = fixture();
        ApiClient api = new ApiClient(port);
        List<String> named = List.of(f.namedCategory);
        double lat = f.tiePoint[0];
        double lng = f.tiePoint[1];
        for (String index : INDEXES) {
            // five at one point: the k with the smallest ids win
            assertThat(f.nearest(api, index, lat, lng, 3, null, named, null, false))
                    .isEqualTo(f.tieIds.subList(0, 3));
            assertThat(f.nearest(api, index, lat, lng, 1, 1.0, named, null, false))
                    .isEqualTo(f.tieIds.subList(0, 1));
            assertThat(f.nearest(api, index, lat, lng, 5, null, named, null, false)).isEqualTo(f.tieIds);
            assertThat(f.nearest(api, index, lat, lng, 7, null, named, null, false)).hasSize(7)
                    .startsWith(f.tieIds.toArray(Long[]::new));
            // the same five in a box, one per page: the cursor (distance, id) goes through the tie
            assertThat(f.area(api, index, 35.689, 139.691, 35.69, 139.692, 1, named, null, false))
                    .isEqualTo(f.tieIds);
            // 11 m away: a 5 m maxDistance holds nothing, 12 m all five
            assertThat(f.nearest(api, index, lat + 0.0001, lng, 50, 5.0, named, null, false)).isEmpty();
            assertThat(f.nearest(api, index, lat + 0.0001, lng, 50, 12.0, named, null, false)).isEqualTo(f.tieIds);
            // k larger than the matches: every business of the private box (all within 2 km)
            long privates = f.places.stream().filter(p -> p.category().equals(f.privateCategory))
                    .filter(p -> Math.abs(p.lat() - ShapesFixture.PRIVATE_BOX_CENTER[0]) < 0.1).count();
            assertThat(f.nearest(api, index, ShapesFixture.PRIVATE_BOX_CENTER[0], ShapesFixture.PRIVATE_BOX_CENTER[1],
                    50, 5000.0, List.of(f.privateCategory), null, false)).hasSize((int) privates);
            // the private box without a category filter (no other test puts businesses there)
            assertThat(f.nearest(api, index, ShapesFixture.PRIVATE_BOX_CENTER[0], ShapesFixture.PRIVATE_BOX_CENTER[1],
                    50, 5000.0, null, null, false)).hasSize((int) privates);
            // maxDistance excluding everything, far from every business of the run
            assertThat(f.nearest(api, index, -47.0, 60.0, 10, 1.0, f.allCategories(), null, false)).isEmpty();
            // the poles and the antimeridian, both spellings giving the same answer
            f.nearest(api, index, 90, 0, 50, null, f.allCategories(), null, false);
            f.nearest(api, index, -90, 123.456, 50, null, f.allCategories(), null, false);
            assertThat(f.nearest(api, index, -17, 180, 50, 20_000.0, f.allCategories(), null, false))
                    .isEqualTo(f.nearest(api, index, -17, -180, 50, 20_000.0, f.allCategories(), null, false))
                    .hasSizeGreaterThan(30);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // area

    @ParameterizedTest
    @ValueSource(strings = {"geohash", "quadtree", "s2"})
    void areaIsTheOraclesBoxByDistanceFromItsCentrePagedToTheEnd(String index) {
        ShapesFixture f = fixture();
        ApiClient api = new ApiClient(port);
        Random random = new Random(23 + index.hashCode());
        for (int i = 0; i < 50; i++) {
            double[] box = randomBox(f, random);
            f.area(api, index, box[0], box[1], box[2], box[3], 3 + random.nextInt(48), filter(f, random),
                    random.nextInt(5) == 0 ? KeywordSearchOracleTests.randomQ(f, random) : null,
                    random.nextInt(4) == 0);
        }
    }

    @Test
    void areaAcrossTheAntimeridianAroundThePolesAndWithEdgesOnBusinesses() {
        ShapesFixture f = fixture();
        ApiClient api = new ApiClient(port);
        List<String> all = f.allCategories();
        for (String index : INDEXES) {
            // across the antimeridian
            assertThat(f.area(api, index, -17.2, 179.8, -16.8, -179.8, 7, all, null, false)).hasSizeGreaterThan(20);
            f.area(api, index, -17.2, 180, -16.8, -179.9, 50, all, null, false);
            f.area(api, index, -17.2, 179.9, -16.8, -180, 50, all, null, false);
            // -180 and 180 are one meridian: each box reaches the businesses stored with the other spelling
            List<Long> west = f.area(api, index, -17.2, -180, -16.8, -179.8, 50, all, null, false);
            List<Long> east = f.area(api, index, -17.2, 179.8, -16.8, 180, 50, all, null, false);
            List<Long> onMeridian = f.places.stream().filter(p -> Math.abs(p.lng()) == 180)
                    .filter(p -> p.lat() >= -17.2 && p.lat() <= -16.8).map(Place::id).toList();
            assertThat(onMeridian).hasSize(6);
            assertThat(west).containsAll(onMeridian);
            assertThat(east).containsAll(onMeridian);
            // a box of zero width on the antimeridian: exactly the businesses on it, in both spellings
            assertThat(f.area(api, index, -17.05, 180, -16.95, -180, 50, all, null, false))
                    .containsExactlyInAnyOrderElementsOf(onMeridian);
            assertThat(f.area(api, index, -17.05, 180, -16.95, 180, 50, all, null, false))
                    .containsExactlyInAnyOrderElementsOf(onMeridian);
            assertThat(f.area(api, index, -17.05, -180, -16.95, -180, 50, all, null, false))
                    .containsExactlyInAnyOrderElementsOf(onMeridian);
            // around the poles (a diagonal under 100 km), whole and partial longitudes
            assertThat(f.area(api, index, 89.7, -180, 90, 180, 9, all, null, false)).hasSizeGreaterThan(20);
            assertThat(f.area(api, index, -90, -180, -89.7, 180, 9, all, null, false)).hasSizeGreaterThan(20);
            f.area(api, index, 89.7, 0, 90, 90, 9, all, null, false);
            f.area(api, index, -90, 170, -89.65, -100, 9, all, null, false);
            // edges exactly on businesses
            Random random = new Random(5);
            List<Place> inner = f.places.stream().filter(p -> Math.abs(p.lat()) < 80 && Math.abs(p.lng()) < 179)
                    .filter(p -> f.categories.contains(p.category())).toList();
            for (int i = 0; i < 6; i++) {
                Place p = inner.get(random.nextInt(inner.size()));
                assertThat(f.area(api, index, p.lat(), p.lng(), round6(p.lat() + 0.1), round6(p.lng() + 0.1), 20,
                        all, null, false)).contains(p.id());
                assertThat(f.area(api, index, round6(p.lat() - 0.1), round6(p.lng() - 0.1), p.lat(), p.lng(), 20,
                        all, null, false)).contains(p.id());
                assertThat(f.area(api, index, p.lat(), p.lng(), p.lat(), p.lng(), 20, all, null, false))
                        .contains(p.id());
            }
            // the private box without a category filter (no other test puts businesses there)
            double[] c = ShapesFixture.PRIVATE_BOX_CENTER;
            f.area(api, index, c[0] - 0.012, c[1] - 0.012, c[0] + 0.012, c[1] + 0.012, 6, null, null, false);
        }
    }

    @Test
    void areaPageTokensAreBoundToTheBoxAndTheFilters() {
        ShapesFixture f = fixture();
        ApiClient api = new ApiClient(port);
        String box = "south=-17.2&west=179.8&north=-16.8&east=-179.8";
        String filters = ShapesFixture.categoryParams(f.allCategories());
        ApiClient.Response first = api.get("/v1/search/area?" + box + "&limit=5&index=s2" + filters);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String token = first.json().get("nextPageToken").asText();
        assertThat(api.get("/v1/search/area?" + box + "&limit=5&index=s2" + filters + "&pageToken=" + token)
                .status()).isEqualTo(200);
        assertFieldError(api.get("/v1/search/area?south=-17.2&west=179.8&north=-16.8&east=-179.7&limit=5&index=s2"
                + filters + "&pageToken=" + token), "pageToken");
        assertFieldError(api.get("/v1/search/area?south=-17.200001&west=179.8&north=-16.8&east=-179.8&limit=5"
                + "&index=s2" + filters + "&pageToken=" + token), "pageToken");
        assertFieldError(api.get("/v1/search/area?" + box + "&limit=5&index=s2" + filters + "&q=grill&pageToken="
                + token), "pageToken");
        assertFieldError(api.get("/v1/search/area?" + box + "&limit=5&index=quadtree" + filters + "&pageToken="
                + token), "pageToken");
        // nor does a nearby token pass for an area one
        ApiClient.Response nearby = api.get("/v1/search/nearby?latitude=-17&longitude=180&radius=20000&limit=5"
                + "&index=s2" + filters);
        String nearbyToken = nearby.json().get("nextPageToken").asText();
        assertFieldError(api.get("/v1/search/area?" + box + "&limit=5&index=s2" + filters + "&pageToken="
                + nearbyToken), "pageToken");
    }

    // ---------------------------------------------------------------------------------------------------------
    // clusters

    @Test
    void clustersAreTheOraclesGridCells() {
        ShapesFixture f = fixture();
        ApiClient api = new ApiClient(port);
        List<String> all = f.allCategories();
        for (int zoom : new int[] {0, 3, 6}) { // the whole world
            f.clusters(api, -90, -180, 90, 180, zoom, all, null);
            f.clusters(api, -90, -180, 90, 180, zoom, f.categories.subList(0, 1), null);
            // open now; within the fixture's categories, as the world also holds other tests' businesses
            f.clusters(api, -90, -180, 90, 180, zoom, all, null, true);
        }
        for (int zoom : new int[] {4, 8, 11}) { // across the antimeridian
            assertThat(f.clusters(api, -17.5, 179.5, -16.5, -179.5, zoom, all, null)).isNotEmpty();
        }
        for (int zoom : new int[] {2, 6, 10}) { // polar bands: beyond Mercator's limit, in the edge rows
            assertThat(f.clusters(api, 85, -180, 90, 180, zoom, all, null).values())
                    .allMatch(cell -> cell.row() == 0);
            assertThat(f.clusters(api, -90, -180, -85, 180, zoom, all, null).values())
                    .allMatch(cell -> cell.row() == (1L << (zoom + 2)) - 1);
        }
        // the west edge at -180: businesses stored at 180 are in it, in the last column
        assertThat(f.clusters(api, -17.1, -180, -16.9, -179.9, 12, all, null).values())
                .anyMatch(cell -> cell.column() == (1L << 14) - 1);
        f.clusters(api, -17.1, 179.9, -16.9, 180, 12, all, null);
        assertThat(f.clusters(api, -17.05, 180, -16.95, -180, 10, all, null).values().stream()
                .mapToLong(ShapesFixture.Cell::count).sum()).isEqualTo(6); // zero width, on the antimeridian
        f.clusters(api, 37.45, 126.85, 37.7, 127.1, 14, all, null);
        // the private box without a category filter: the filter-less path (the grid's prefix sums)
        double[] c = ShapesFixture.PRIVATE_BOX_CENTER;
        for (int zoom : new int[] {0, 8, 12, 15, 17, 19}) {
            f.clusters(api, c[0] - 0.012, c[1] - 0.012, c[0] + 0.012, c[1] + 0.012, zoom, null, null);
            f.clusters(api, c[0] - 0.012, c[1] - 0.012, c[0] + 0.012, c[1] + 0.012, zoom,
                    List.of(f.privateCategory), null);
            f.clusters(api, c[0] - 0.004, c[1] - 0.0061, c[0] + 0.0052, c[1] + 0.008, zoom, null, null);
        }
        // random boxes of at most about 200 x 200 cells at random zooms
        Random random = new Random(31);
        for (int i = 0; i < 30; i++) {
            int zoom = random.nextInt(21);
            long n = 1L << (zoom + 2);
            Place near = f.places.get(random.nextInt(f.places.size()));
            double width = (1 + random.nextInt(200)) * 360.0 / n;
            double south = round6(clamp(near.lat() - random.nextDouble() * Math.min(width, 20) / 2, 90));
            double north = round6(clamp(near.lat() + random.nextDouble() * Math.min(width, 20) / 2, 90));
            double west = width >= 360 ? -180 : round6(wrap(near.lng() - random.nextDouble() * width));
            double east = width >= 360 ? 180 : round6(wrap(west + width));
            if (ShapesFixture.gridRow(south, zoom) - ShapesFixture.gridRow(north, zoom) > 250) {
                continue;
            }
            f.clusters(api, south, west, north, east, zoom, all,
                    random.nextInt(4) == 0 ? KeywordSearchOracleTests.randomQ(f, random) : null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // bad input

    @Test
    void badInputIsA400NamingTheParameter() {
        ApiClient api = new ApiClient(port);
        String nearest = "/v1/search/nearest?latitude=1&longitude=2";
        String area = "/v1/search/area?south=1&west=2&north=1.1&east=2.1";
        String clusters = "/v1/search/clusters?south=1&west=2&north=1.1&east=2.1&zoom=3";
        String nearby = "/v1/search/nearby?latitude=1&longitude=2";
        for (String call : List.of(nearby, nearest, area, clusters)) {
            assertThat(api.get(call).status()).as(call).isEqualTo(200);
            assertFieldError(api.get(call + "&colour=red"), "colour");
            assertFieldError(api.get(call + "&q=a&q=b"), "q");
            assertFieldError(api.get(call + "&category=UPPER"), "category");
        }
        assertFieldError(api.get(nearest + "&latitude=1"), "latitude");
        assertFieldError(api.get(nearest + "&limit=3&limit=3"), "limit");
        assertFieldError(api.get(nearest + "&limit=0"), "limit");
        assertFieldError(api.get(nearest + "&limit=51"), "limit");
        assertFieldError(api.get(nearest + "&maxDistance=0"), "maxDistance");
        assertFieldError(api.get(nearest + "&maxDistance=50000.01"), "maxDistance");
        assertFieldError(api.get(nearest + "&maxDistance=1e3"), "maxDistance");
        assertFieldError(api.get(nearest + "&radius=100"), "radius");
        assertFieldError(api.get(nearest + "&pageToken=abc"), "pageToken");
        assertFieldError(api.get(nearest + "&index=rtree"), "index");
        assertFieldError(api.get("/v1/search/nearest?latitude=1"), "longitude");
        assertFieldError(api.get("/v1/search/nearest?latitude=NaN&longitude=2"), "latitude");

        assertFieldError(api.get(area + "&south=1"), "south");
        assertFieldError(api.get(area + "&east=2.2"), "east");
        assertFieldError(api.get(area + "&zoom=3"), "zoom");
        assertFieldError(api.get("/v1/search/area?south=1.2&west=2&north=1.1&east=2.1"), "north");
        assertFieldError(api.get("/v1/search/area?south=0&west=0&north=0.7&east=0.7"), "box"); // 110 km
        assertFieldError(api.get("/v1/search/area?south=89.5&west=-180&north=90&east=180"), "box"); // 111 km
        assertFieldError(api.get("/v1/search/area?south=0&west=179.9&north=0.1&east=-179"), "box");
        assertThat(api.get("/v1/search/area?south=0&west=0&north=0.6&east=0.6").status()).isEqualTo(200); // 94 km
        assertFieldError(api.get("/v1/search/area?south=1&west=2&north=1.1"), "east");
        assertFieldError(api.get("/v1/search/area?south=1&west=181&north=1.1&east=2"), "west");
        assertFieldError(api.get(area + "&limit=51"), "limit");

        assertFieldError(api.get(clusters + "&zoom=4"), "zoom");
        assertFieldError(api.get("/v1/search/clusters?south=1&west=2&north=1.1&east=2.1&zoom=21"), "zoom");
        assertFieldError(api.get("/v1/search/clusters?south=1&west=2&north=1.1&east=2.1&zoom=-1"), "zoom");
        assertFieldError(api.get("/v1/search/clusters?south=1&west=2&north=1.1&east=2.1&zoom=2.5"), "zoom");
        assertFieldError(api.get("/v1/search/clusters?south=1&west=2&north=1.1&east=2.1"), "zoom");
        assertFieldError(api.get(clusters + "&openNow=yes"), "openNow");
        assertFieldError(api.get(clusters + "&index=s2"), "index");
        assertFieldError(api.get(clusters + "&limit=5"), "limit");
        assertFieldError(api.get("/v1/search/clusters?south=2&west=2&north=1.1&east=2.1&zoom=3"), "north");
        // 256 x 256 = 65,536 cells is the most: the whole world at zoom 6, not at 7
        assertThat(api.get("/v1/search/clusters?south=-90&west=-180&north=90&east=180&zoom=6").status())
                .isEqualTo(200);
        assertFieldError(api.get("/v1/search/clusters?south=-90&west=-180&north=90&east=180&zoom=7"), "box");
        assertFieldError(api.get("/v1/search/clusters?south=-10&west=170&north=10&east=-170&zoom=12"), "box");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A random non-empty choice of the run's categories (often with the named ones). */
    static List<String> filter(ShapesFixture f, Random random) {
        List<String> filter = new ArrayList<>();
        for (String category : f.allCategories()) {
            if (random.nextInt(4) > 0) {
                filter.add(category);
            }
        }
        if (filter.isEmpty()) {
            filter.add(f.categories.get(random.nextInt(f.categories.size())));
        }
        return filter;
    }

    /** A centre: at a pole, on the antimeridian, anywhere, or near a business of the run (often exactly on it). */
    static double[] center(ShapesFixture f, Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> new double[] {random.nextBoolean() ? 90 : -90, round6(random.nextDouble() * 360 - 180)};
            case 1 -> new double[] {round6(random.nextBoolean() ? -17 + random.nextGaussian() * 0.05
                    : random.nextDouble() * 170 - 85), random.nextBoolean() ? 180 : -180};
            case 2 -> new double[] {round6(random.nextDouble() * 170 - 85), round6(random.nextDouble() * 360 - 180)};
            default -> {
                Place near = f.places.get(random.nextInt(f.places.size()));
                double offset = random.nextInt(3) == 0 ? 0 : 0.2;
                yield new double[] {round6(clamp(near.lat() + (random.nextDouble() - 0.5) * offset, 90)),
                        round6(clamp(near.lng() + (random.nextDouble() - 0.5) * offset, 180))};
            }
        };
    }

    /**
     * A box {south, west, north, east} with a diagonal well under 100 km: around a business (or anywhere), at most
     * about 60 x 60 km, wrapped across the antimeridian when it gets there; near the poles a cap or part of one.
     */
    static double[] randomBox(ShapesFixture f, Random random) {
        double lat;
        double lng;
        if (random.nextInt(5) == 0) {
            lat = random.nextDouble() * 170 - 85;
            lng = random.nextDouble() * 360 - 180;
        } else {
            Place near = f.places.get(random.nextInt(f.places.size()));
            lat = near.lat() + random.nextGaussian() * 0.05;
            lng = near.lng() + random.nextGaussian() * 0.05;
        }
        if (Math.abs(lat) > 80) {
            double edge = round6(89.65 + random.nextDouble() * 0.3);
            double west = random.nextInt(3) == 0 ? -180 : round6(random.nextDouble() * 360 - 180);
            double east = random.nextInt(3) == 0 ? 180 : round6(random.nextDouble() * 360 - 180);
            return lat > 0 ? new double[] {edge, west, 90, east} : new double[] {-90, west, -edge, east};
        }
        double halfHeight = random.nextDouble() * 0.27;
        double south = round6(lat - halfHeight);
        double north = round6(lat + halfHeight);
        double widest = south > 0 ? south : north < 0 ? north : 0;
        double halfWidth = random.nextDouble() * 30 / (111.19 * Math.cos(Math.toRadians(widest)));
        double west = round6(wrap(lng - halfWidth));
        double east = round6(wrap(lng + halfWidth));
        return new double[] {south, west, north, east};
    }
}
