package dev.proximity.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.geo.Haversine;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every index against a brute-force haversine oracle, over HTTP: uniform and clustered businesses, businesses
 * exactly at the poles and on both sides of the antimeridian, and groups at identical coordinates (ties broken by
 * id); queries at poles, on the antimeridian, of 1 m and of 50 km, paged to the end. The test's businesses carry
 * categories unique to this run and every query filters on some of them, so businesses other tests create in
 * the shared database cannot disturb the comparison.
 */
@ApiIntegrationTest
class NearbySearchOracleTests {

    private static final int QUERIES_PER_INDEX = 300;
    private static List<Place> places;
    private static List<String> categories;

    private record Place(long id, double latitude, double longitude, String category) {
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @EnumSource(IndexType.class)
    void everyIndexReturnsExactlyTheOracleAnswer(IndexType index) {
        ApiClient api = new ApiClient(port);
        createPlacesOnce(api);
        Random random = new Random(7 + index.ordinal());
        for (int q = 0; q < QUERIES_PER_INDEX; q++) {
            double[] center = queryCenter(random);
            double radius = switch (random.nextInt(6)) {
                case 0 -> 1;
                case 1 -> 50_000;
                default -> Math.round(Math.exp(random.nextDouble() * Math.log(50_000)) * 100) / 100.0;
            };
            List<String> filter = new ArrayList<>(categories);
            if (random.nextBoolean()) {
                filter.remove(random.nextInt(filter.size()));
            }
            int limit = 5 + random.nextInt(46);
            compare(api, index, center[0], center[1], radius, filter, limit);
        }
    }

    private void compare(ApiClient api, IndexType index, double lat, double lng, double radius,
            List<String> filter, int limit) {
        String latText = String.format(Locale.ROOT, "%.6f", lat);
        String lngText = String.format(Locale.ROOT, "%.6f", lng);
        double qLat = Double.parseDouble(latText);
        double qLng = Double.parseDouble(lngText);
        List<Place> expected = places.stream()
                .filter(p -> filter.contains(p.category()))
                .filter(p -> Haversine.distanceMeters(qLat, qLng, p.latitude(), p.longitude()) <= radius)
                .sorted(Comparator.comparingDouble((Place p) -> Haversine.distanceMeters(qLat, qLng, p.latitude(),
                        p.longitude())).thenComparingLong(Place::id))
                .toList();
        StringBuilder query = new StringBuilder("/v1/search/nearby?latitude=" + latText + "&longitude=" + lngText
                + "&radius=" + radius + "&limit=" + limit + "&index=" + index.apiName());
        filter.forEach(c -> query.append("&category=").append(c));
        String description = index + " at " + latText + "," + lngText + " r=" + radius + " " + filter;
        List<Long> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ApiClient.Response response = api.get(query + (token == null ? "" : "&pageToken=" + token));
            assertThat(response.status()).as(description + " " + response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("total").asLong()).as(description).isEqualTo(expected.size());
            JsonNode businesses = body.get("businesses");
            assertThat(businesses.size()).as(description).isLessThanOrEqualTo(limit);
            for (JsonNode business : businesses) {
                int position = seen.size();
                assertThat(position).as(description).isLessThan(expected.size());
                Place place = expected.get(position);
                assertThat(business.get("id").asText()).as(description).isEqualTo(Long.toString(place.id()));
                // written to the millimetre: the exact distance rounded half up
                assertThat(business.get("distance").asDouble()).as(description)
                        .isEqualTo(Math.round(Haversine.distanceMeters(qLat, qLng, place.latitude(),
                                place.longitude()) * 1000) / 1000.0);
                assertThat(business.get("latitude").asDouble()).isEqualTo(place.latitude());
                assertThat(business.get("longitude").asDouble()).isEqualTo(place.longitude());
                seen.add(place.id());
            }
            assertThat(body.has("nextPageToken")).isTrue();
            token = body.get("nextPageToken").isNull() ? null : body.get("nextPageToken").asText();
            assertThat(token == null).as(description).isEqualTo(seen.size() == expected.size());
            pages++;
        } while (token != null && pages < 1000);
        assertThat(seen).as(description).hasSize(expected.size()).doesNotHaveDuplicates();
    }

    private static double[] queryCenter(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> new double[] {random.nextBoolean() ? 90 : -90, random.nextDouble() * 360 - 180};
            case 1 -> new double[] {random.nextDouble() * 170 - 85, random.nextBoolean() ? 180 : -180};
            case 2 -> new double[] {random.nextDouble() * 170 - 85, random.nextDouble() * 360 - 180};
            default -> {
                Place near = places.get(random.nextInt(places.size()));
                double offset = random.nextInt(3) == 0 ? 0 : 0.2;
                yield new double[] {clamp(near.latitude() + (random.nextDouble() - 0.5) * offset, 90),
                        clamp(near.longitude() + (random.nextDouble() - 0.5) * offset, 180)};
            }
        };
    }

    private static double clamp(double value, double bound) {
        return Math.max(-bound, Math.min(bound, value));
    }

    private static synchronized void createPlacesOnce(ApiClient api) {
        if (places != null) {
            return;
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        categories = List.of("oracle-a-" + run, "oracle-b-" + run, "oracle-c-" + run);
        ApiClient.Owner owner = api.newOwner();
        Random random = new Random(42);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // uniform on the globe
            points.add(new double[] {Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)),
                    random.nextDouble() * 360 - 180});
        }
        double[][] clusters = {{37.5665, 126.978}, {0.01, 179.98}, {-0.01, -179.98}, {89.9, 10}, {-89.95, -60},
                {59.9, 10.7}};
        for (double[] cluster : clusters) { // clustered, within about 15 km
            for (int i = 0; i < 120; i++) {
                points.add(new double[] {clamp(cluster[0] + random.nextGaussian() * 0.05, 90),
                        wrap(cluster[1] + random.nextGaussian() * 0.05)});
            }
        }
        for (double lng : new double[] {0, 45, -120, 180}) { // exactly at the poles
            points.add(new double[] {90, lng});
            points.add(new double[] {-90, lng});
        }
        for (double lat : new double[] {0, 10.5, -33.3, 0.01}) { // exactly on the antimeridian, both spellings
            points.add(new double[] {lat, 180});
            points.add(new double[] {lat, -180});
        }
        for (int i = 0; i < 15; i++) { // groups at identical coordinates: ties by id
            double[] at = points.get(random.nextInt(points.size()));
            for (int k = 0; k < 3; k++) {
                points.add(new double[] {at[0], at[1]});
            }
        }
        List<Place> created = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double lat = Math.round(points.get(i)[0] * 1e6) / 1e6;
            double lng = Math.round(points.get(i)[1] * 1e6) / 1e6;
            String category = categories.get(i % categories.size());
            ApiClient.Response response = api.postJson("/v1/businesses", "{\"name\":\"Oracle " + i
                    + "\",\"category\":\"" + category + "\",\"latitude\":" + plain(lat) + ",\"longitude\":" + plain(lng)
                    + "}",
                    owner.auth());
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            created.add(new Place(Long.parseLong(response.json().get("id").asText()), lat, lng, category));
        }
        places = created;
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).toPlainString();
    }

    private static double wrap(double lng) {
        return lng > 180 ? lng - 360 : lng < -180 ? lng + 360 : lng;
    }
}
