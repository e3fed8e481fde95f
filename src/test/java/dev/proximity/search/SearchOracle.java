package dev.proximity.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.geo.Haversine;
import dev.proximity.support.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acknowledged writes of one test (businesses of one category, each where its last acknowledged write put
 * it, or deleted), and the brute-force answer they imply: an instance's nearby search, paged to the end, must
 * list exactly these businesses within the radius, each at its position, nearest first, ties by id, through
 * every index.
 */
final class SearchOracle {

    static final List<String> INDEXES = List.of("geohash", "quadtree", "s2");

    private final String category;
    private final Map<Long, double[]> businesses = new ConcurrentHashMap<>();

    SearchOracle(String category) {
        this.category = category;
    }

    String category() {
        return category;
    }

    void put(long id, double lat, double lng) {
        businesses.put(id, new double[] {lat, lng});
    }

    void remove(long id) {
        businesses.remove(id);
    }

    /** The ids of the businesses that exist, sorted. */
    List<Long> ids() {
        return businesses.keySet().stream().sorted().toList();
    }

    int size() {
        return businesses.size();
    }

    /** The JSON body of a business of this oracle's category at the given place. */
    String body(String name, double lat, double lng) {
        return "{\"name\":\"" + name + "\",\"category\":\"" + category + "\",\"latitude\":" + lat
                + ",\"longitude\":" + lng + "}";
    }

    /** Asserts the instance's answer for one circle, through every index, equals the oracle's. */
    void assertAnswers(ApiClient instance, double lat, double lng, double radiusMeters) {
        for (String index : INDEXES) {
            assertAnswers(instance, index, lat, lng, radiusMeters);
        }
    }

    void assertAnswers(ApiClient instance, String index, double lat, double lng, double radiusMeters) {
        String latText = String.format(Locale.ROOT, "%.6f", lat);
        String lngText = String.format(Locale.ROOT, "%.6f", lng);
        double qLat = Double.parseDouble(latText);
        double qLng = Double.parseDouble(lngText);
        List<String> expected = businesses.entrySet().stream()
                .filter(e -> Haversine.distanceMeters(qLat, qLng, e.getValue()[0], e.getValue()[1]) <= radiusMeters)
                .sorted(Comparator.comparingDouble((Map.Entry<Long, double[]> e) -> Haversine.distanceMeters(qLat,
                        qLng, e.getValue()[0], e.getValue()[1])).thenComparingLong(Map.Entry::getKey))
                .map(e -> e.getKey() + "@" + e.getValue()[0] + "," + e.getValue()[1]).toList();
        List<String> found = new ArrayList<>();
        String token = null;
        long total = -1;
        do {
            ApiClient.Response page = instance.get("/v1/search/nearby?latitude=" + latText + "&longitude=" + lngText
                    + "&radius=" + radiusMeters + "&limit=50&category=" + category + "&index=" + index
                    + (token == null ? "" : "&pageToken=" + token));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode json = page.json();
            total = json.get("total").asLong();
            // ids with their positions: an answer with a business where it used to be is not the oracle's
            json.get("businesses").forEach(b -> found.add(b.get("id").asText() + "@" + b.get("latitude").asDouble()
                    + "," + b.get("longitude").asDouble()));
            token = json.get("nextPageToken").isNull() ? null : json.get("nextPageToken").asText();
        } while (token != null);
        assertThat(total).as("%s total at %s,%s r=%s", index, latText, lngText, radiusMeters)
                .isEqualTo(expected.size());
        assertThat(found).as("%s at %s,%s r=%s", index, latText, lngText, radiusMeters).isEqualTo(expected);
    }
}
