package dev.proximity.search;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.geo.Haversine;
import dev.proximity.support.ApiClient;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The businesses the search-shape oracle tests (nearest, area, clusters, keywords) run against, created once per
 * server over HTTP, and the test's own brute-force rules: which businesses a {@code q} matches (an independent
 * fold: NFKC, upper then lower case, combining accents U+0300–U+036F removed, apostrophes dropped, tokens cut at
 * non letters/digits and at Han/Kana/Hangul boundaries), which a box contains, and the box's centre.
 *
 * <p>Every business carries a category unique to this run, and every query filters on the run's categories, so
 * businesses other tests create in the shared database cannot disturb the comparison. The only exception is the
 * <em>private box</em>: a few businesses in a 0.02° square of the South Atlantic where no other test puts any,
 * searched without a category filter so the filter-less paths (the clusters' prefix-sum index) are checked too.
 *
 * <p>Half of the businesses are created, then the search state is rebuilt (they move from the overlay into the
 * base table), then the other half is created, and a few base rows are renamed, moved and deleted: every query
 * reads base rows, overlay entries and hidden base rows together.
 */
final class ShapesFixture {

    record Place(long id, String name, String category, double lat, double lng, boolean alwaysOpen) {
    }

    /** Names with the scripts and forms the keyword rules are about. */
    static final List<String> NAMED = List.of("할매국밥", "국밥집 서울", "김밥천국", "ラーメン一蘭", "東京ラーメン", "すし処",
            "Café de Flore", "Crème Brûlée", "Straße Bäckerei", "São Paulo Grill", "ＣＡＦＥ ＴＯＫＹＯ", "McDonald's",
            "CAFE NERO", "Safe Harbor", "Golden Dragon", "Café東京", "Cafeteria Roma", "L’Étoile", "Old Name Diner",
            alphabet());
    /** More names for the random businesses (besides {@link #NAMED}). */
    private static final List<String> MORE_NAMES = List.of("Noodle House", "Grill 12", "Kimbap Heaven",
            "Seoul Garden", "Blue Bottle Coffee", "Deli 2 Go", "Tokyo Sushi", "Pâtisserie Ladurée", "ﾗｰﾒﾝ横丁",
            "Bäckerei Müller", "DRAGON GATE", "Mc Cafe", "서울 국수", "パン屋さん", "大阪焼肉");

    /** 72 one-character words: Latin letters and digits between Hangul syllables ("a가b개c갸…"). */
    static String alphabet() {
        String latin = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < latin.length(); i++) {
            out.append(latin.charAt(i)).append((char) ('가' + 28 * i));
        }
        return out.toString();
    }

    static final double[] PRIVATE_BOX_CENTER = {-47.1234, -22.4567};
    static final double PRIVATE_HALF = 0.01;

    final String run;
    /** The categories of the random businesses. */
    final List<String> categories;
    /** The category of the hand-checked named businesses (near Tokyo) and of the tie group. */
    final String namedCategory;
    final String privateCategory;
    /** Every business of the run as it is now (after the renames, moves and deletes). */
    final List<Place> places;
    /** The named businesses by name (as now named). */
    final Map<String, Long> named;
    /** Five businesses at one point, by id. */
    final List<Long> tieIds;
    final double[] tiePoint = {35.6895, 139.6917};

    private static ShapesFixture instance;
    private static int instancePort;

    private ShapesFixture(String run, List<String> categories, String namedCategory, String privateCategory,
            List<Place> places, Map<String, Long> named, List<Long> tieIds) {
        this.run = run;
        this.categories = categories;
        this.namedCategory = namedCategory;
        this.privateCategory = privateCategory;
        this.places = places;
        this.named = named;
        this.tieIds = tieIds;
    }

    /** The fixture of the server on {@code port}, created on first use. */
    static synchronized ShapesFixture of(int port, SearchState state) {
        if (instance == null || instancePort != port) {
            instance = create(new ApiClient(port), state);
            instancePort = port;
        }
        return instance;
    }

    /** Every category of the run (random, named and private ones). */
    List<String> allCategories() {
        List<String> all = new ArrayList<>(categories);
        all.add(namedCategory);
        all.add(privateCategory);
        return all;
    }

    // ---------------------------------------------------------------------------------------------------------
    // creation

    private static ShapesFixture create(ApiClient api, SearchState state) {
        long started = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> categories = List.of("noodle_" + run, "bakery-" + run, "grill_house-" + run);
        String namedCategory = "named-" + run;
        String privateCategory = "private-" + run;
        ApiClient.Owner owner = api.newOwner();
        Random random = new Random(20240611);

        List<Spec> specs = new ArrayList<>();
        List<String> names = new ArrayList<>(NAMED);
        names.addAll(MORE_NAMES);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 70; i++) { // uniform on the globe
            points.add(new double[] {Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)),
                    random.nextDouble() * 360 - 180});
        }
        double[][] clusters = {{37.5665, 126.978}, {35.68, 139.76}, {-17.0, 179.95}, {89.85, 0}, {-89.9, 0},
                {48.8566, 2.3522}};
        for (double[] cluster : clusters) { // within some 10 km
            for (int i = 0; i < 35; i++) {
                double lat = clamp(cluster[0] + random.nextGaussian() * 0.04, 90);
                double lng = Math.abs(cluster[0]) > 89 ? random.nextDouble() * 360 - 180
                        : wrap(cluster[1] + random.nextGaussian() * 0.04);
                points.add(new double[] {lat, lng});
            }
        }
        for (double lng : new double[] {0, 45, -120, 180, -180}) { // exactly at the poles
            points.add(new double[] {90, lng});
            points.add(new double[] {-90, lng});
        }
        for (double lat : new double[] {0, -17.0, -16.98, -17.02, 10.5}) { // on the antimeridian, both spellings
            points.add(new double[] {lat, 180});
            points.add(new double[] {lat, -180});
        }
        for (int i = 0; i < 10; i++) { // groups at identical coordinates: ties by id
            double[] at = points.get(random.nextInt(points.size()));
            for (int k = 0; k < 3; k++) {
                points.add(new double[] {at[0], at[1]});
            }
        }
        for (int i = 0; i < points.size(); i++) {
            String name = names.get(random.nextInt(names.size()));
            if (random.nextBoolean()) {
                name = name + " " + random.nextInt(30);
            }
            specs.add(new Spec(name, categories.get(i % categories.size()), round6(points.get(i)[0]),
                    round6(points.get(i)[1]), random.nextInt(3) == 0));
        }
        // the named businesses, 100 m apart near Tokyo, and five at one point
        List<Spec> namedSpecs = new ArrayList<>();
        for (int i = 0; i < NAMED.size(); i++) {
            namedSpecs.add(new Spec(NAMED.get(i), namedCategory, round6(35.70 + (i / 5) * 0.001),
                    round6(139.70 + (i % 5) * 0.001), i % 2 == 0));
        }
        for (int i = 0; i < 5; i++) {
            namedSpecs.add(new Spec("Tie " + i, namedCategory, 35.6895, 139.6917, true));
        }
        List<Spec> privateSpecs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            privateSpecs.add(new Spec("Private " + i, privateCategory,
                    round6(PRIVATE_BOX_CENTER[0] + (random.nextDouble() * 2 - 1) * PRIVATE_HALF),
                    round6(PRIVATE_BOX_CENTER[1] + (random.nextDouble() * 2 - 1) * PRIVATE_HALF), false));
        }
        java.util.Collections.shuffle(specs, random);

        // first half, fold into the base table, second half: the random businesses by import (one request each),
        // the named and private ones one by one
        Map<Long, Place> created = new LinkedHashMap<>();
        for (Spec spec : namedSpecs) {
            Place place = post(api, owner, spec);
            created.put(place.id(), place);
        }
        for (Spec spec : privateSpecs.subList(0, 20)) {
            Place place = post(api, owner, spec);
            created.put(place.id(), place);
        }
        importAll(api, owner, specs.subList(0, specs.size() / 2), created);
        state.rebuild();
        importAll(api, owner, specs.subList(specs.size() / 2, specs.size()), created);
        for (Spec spec : privateSpecs.subList(20, 30)) {
            Place place = post(api, owner, spec);
            created.put(place.id(), place);
        }
        // change base rows: a rename, moves (within and out of the private box, across the antimeridian), deletes
        List<Place> all = new ArrayList<>(created.values());
        Place diner = all.stream().filter(p -> p.category().equals(namedCategory))
                .filter(p -> p.name().equals("Old Name Diner")).findFirst().orElseThrow();
        put(api, owner, created, diner, "Renamed Bistro", diner.lat(), diner.lng());
        List<Place> privates = all.stream().filter(p -> p.category().equals(privateCategory)).toList();
        put(api, owner, created, privates.get(0), privates.get(0).name(), round6(PRIVATE_BOX_CENTER[0] + 0.005),
                round6(PRIVATE_BOX_CENTER[1] - 0.004));
        put(api, owner, created, privates.get(1), privates.get(1).name(), 10.0, 20.0);
        delete(api, owner, created, privates.get(2));
        List<Place> randomOnes = all.stream().filter(p -> categories.contains(p.category())).toList();
        put(api, owner, created, randomOnes.get(0), randomOnes.get(0).name(), -17.01, -179.99);
        put(api, owner, created, randomOnes.get(1), randomOnes.get(1).name(), 89.95, 180);
        delete(api, owner, created, randomOnes.get(2));

        List<Place> places = List.copyOf(created.values());
        Map<String, Long> named = new LinkedHashMap<>();
        places.stream().filter(p -> p.category().equals(namedCategory)).forEach(p -> named.put(p.name(), p.id()));
        List<Long> ties = places.stream().filter(p -> p.name().startsWith("Tie ")).map(Place::id).sorted().toList();
        LoggerFactory.getLogger(ShapesFixture.class).info("ShapesFixture: {} businesses of run {} in {} ms",
                places.size(), run, (System.nanoTime() - started) / 1_000_000);
        return new ShapesFixture(run, categories, namedCategory, privateCategory, places, named, ties);
    }

    private record Spec(String name, String category, double lat, double lng, boolean alwaysOpen) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String body(String name, String category, double lat, double lng, boolean alwaysOpen) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("category", category);
        body.put("latitude", BigDecimal.valueOf(lat));
        body.put("longitude", BigDecimal.valueOf(lng));
        if (alwaysOpen) {
            body.put("timeZone", "UTC");
            ArrayNode hours = body.putArray("hours");
            for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
                hours.addObject().put("day", day).put("open", "00:00").put("close", "24:00");
            }
        }
        return body.toString();
    }

    private static Place post(ApiClient api, ApiClient.Owner owner, Spec spec) {
        ApiClient.Response response = api.postJson("/v1/businesses",
                body(spec.name(), spec.category(), spec.lat(), spec.lng(), spec.alwaysOpen()), owner.auth());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("latitude").asDouble()).isEqualTo(spec.lat());
        return new Place(Long.parseLong(response.json().get("id").asText()), spec.name(), spec.category(),
                spec.lat(), spec.lng(), spec.alwaysOpen());
    }

    /** Imports the businesses (NDJSON) and learns their ids from the owner's list (those not yet known). */
    private static void importAll(ApiClient api, ApiClient.Owner owner, List<Spec> specs, Map<Long, Place> created) {
        StringBuilder ndjson = new StringBuilder();
        Map<String, java.util.Deque<Spec>> byKey = new java.util.HashMap<>();
        for (Spec spec : specs) {
            ndjson.append(body(spec.name(), spec.category(), spec.lat(), spec.lng(), spec.alwaysOpen())).append('\n');
            byKey.computeIfAbsent(key(spec.name(), spec.category(), spec.lat(), spec.lng(), spec.alwaysOpen()),
                    k -> new java.util.ArrayDeque<>()).add(spec);
        }
        ApiClient.Response imported = api.send("POST", "/v1/businesses/import", "application/x-ndjson",
                ndjson.toString(), owner.auth());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(specs.size());
        String token = null;
        int learned = 0;
        do {
            ApiClient.Response page = api.get("/v1/owners/me/businesses?limit=100"
                    + (token == null ? "" : "&pageToken=" + encode(token)), owner.auth());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (JsonNode business : page.json().get("businesses")) {
                long id = Long.parseLong(business.get("id").asText());
                if (created.containsKey(id)) {
                    continue;
                }
                Spec spec = byKey.get(key(business.get("name").asText(), business.get("category").asText(),
                        business.get("latitude").asDouble(), business.get("longitude").asDouble(),
                        business.path("hours").size() > 0)).pop();
                created.put(id, new Place(id, spec.name(), spec.category(), spec.lat(), spec.lng(),
                        spec.alwaysOpen()));
                learned++;
            }
            token = page.json().get("nextPageToken").isNull() ? null : page.json().get("nextPageToken").asText();
        } while (token != null);
        assertThat(learned).isEqualTo(specs.size());
    }

    private static String key(String name, String category, double lat, double lng, boolean alwaysOpen) {
        return name + '|' + category + '|' + lat + '|' + lng + '|' + alwaysOpen;
    }

    private static void put(ApiClient api, ApiClient.Owner owner, Map<Long, Place> created, Place place, String name,
            double lat, double lng) {
        ApiClient.Response response = api.putJson("/v1/businesses/" + place.id(),
                body(name, place.category(), lat, lng, place.alwaysOpen()), owner.auth());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        created.put(place.id(), new Place(place.id(), name, place.category(), lat, lng, place.alwaysOpen()));
    }

    private static void delete(ApiClient api, ApiClient.Owner owner, Map<Long, Place> created, Place place) {
        ApiClient.Response response = api.delete("/v1/businesses/" + place.id(), owner.auth());
        assertThat(response.status()).as(response.body()).isEqualTo(204);
        created.remove(place.id());
    }

    // ---------------------------------------------------------------------------------------------------------
    // the test's own rules

    /** The folded tokens of {@code text}, written from the contract, independently of {@code Keywords}. */
    static List<String> tokens(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT);
        folded = Normalizer.normalize(folded, Normalizer.Form.NFD).replaceAll("[\\u0300-\\u036F]", "");
        // composed again so Hangul syllables compare as syllables, not jamo
        folded = Normalizer.normalize(folded, Normalizer.Form.NFC).replace("'", "").replace("\u2019", "");
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean tokenCjk = false;
        for (int c : folded.codePoints().toArray()) {
            if (!Character.isLetterOrDigit(c)) {
                if (!token.isEmpty()) {
                    tokens.add(token.toString());
                    token.setLength(0);
                }
                continue;
            }
            boolean cjk = isCjk(c);
            if (!token.isEmpty() && cjk != tokenCjk) {
                tokens.add(token.toString());
                token.setLength(0);
            }
            tokenCjk = cjk;
            token.appendCodePoint(c);
        }
        if (!token.isEmpty()) {
            tokens.add(token.toString());
        }
        return tokens;
    }

    static boolean isCjk(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return c == 'ー' || script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /** Whether every token of {@code q} matches the place (null q: every place). */
    static boolean matches(Place place, String q) {
        if (q == null) {
            return true;
        }
        List<String> nameTokens = tokens(place.name());
        List<String> categoryTokens = Arrays.asList(place.category().split("[_-]"));
        for (String token : tokens(q)) {
            boolean cjk = isCjk(token.codePointAt(0));
            boolean found = nameTokens.stream().anyMatch(n -> cjk ? n.contains(token) : n.startsWith(token))
                    || categoryTokens.stream().anyMatch(c -> c.startsWith(token));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The places in these categories that match {@code q} and, with {@code openNow}, are open. */
    List<Place> filtered(Collection<String> filterCategories, String q, boolean openNow) {
        return places.stream()
                .filter(p -> filterCategories == null || filterCategories.contains(p.category()))
                .filter(p -> !openNow || p.alwaysOpen())
                .filter(p -> matches(p, q))
                .toList();
    }

    static boolean inLongitudes(double lng, double west, double east) {
        return west <= east ? lng >= west && lng <= east : lng >= west || lng <= east;
    }

    /** The contract's box: edges inclusive, west > east crosses the antimeridian, ±180 one meridian. */
    static boolean inBox(double lat, double lng, double south, double west, double north, double east) {
        if (lat < south || lat > north) {
            return false;
        }
        return inLongitudes(lng, west, east) || (lng == 180 && inLongitudes(-180, west, east))
                || (lng == -180 && inLongitudes(180, west, east));
    }

    static double[] boxCenter(double south, double west, double north, double east) {
        double span = west > east ? east - west + 360 : east - west;
        double lng = west + span / 2;
        if (lng > 180) {
            lng -= 360;
        }
        return new double[] {(south + north) / 2, lng};
    }

    /** Places sorted by (distance from the point, id). */
    static List<Place> byDistance(List<Place> places, double lat, double lng) {
        return places.stream().sorted(Comparator.comparingDouble((Place p) -> distance(lat, lng, p))
                .thenComparingLong(Place::id)).toList();
    }

    static double distance(double lat, double lng, Place place) {
        return Haversine.distanceMeters(lat, lng, place.lat(), place.lng());
    }

    /** The exact distance as the API writes it: to the millimetre, half up. */
    static double millimetres(double meters) {
        return Math.round(meters * 1000) / 1000.0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the four calls against the oracle

    /** Nearby, paged to the end (limit 50): asserts the oracle's answer and returns the ids in order. */
    List<Long> nearby(ApiClient api, String index, double lat, double lng, double radius,
            Collection<String> filter, String q, boolean openNow) {
        List<Place> expected = byDistance(filtered(filter, q, openNow).stream()
                .filter(p -> distance(lat, lng, p) <= radius).toList(), lat, lng);
        String query = "/v1/search/nearby?latitude=" + plain(lat) + "&longitude=" + plain(lng) + "&radius="
                + plain(radius) + "&limit=50&index=" + index + categoryParams(filter) + qParam(q)
                + (openNow ? "&openNow=true" : "");
        return pages(api, query, 50, expected, lat, lng);
    }

    /** Nearest: asserts the oracle's answer and the shape {"businesses": [...]}; returns the ids in order. */
    List<Long> nearest(ApiClient api, String index, double lat, double lng, Integer limit, Double maxDistance,
            Collection<String> filter, String q, boolean openNow) {
        double max = maxDistance == null ? 50_000 : maxDistance;
        int k = limit == null ? 10 : limit;
        List<Place> expected = byDistance(filtered(filter, q, openNow).stream()
                .filter(p -> distance(lat, lng, p) <= max).toList(), lat, lng);
        expected = expected.subList(0, Math.min(k, expected.size()));
        String query = "/v1/search/nearest?latitude=" + plain(lat) + "&longitude=" + plain(lng)
                + (limit == null ? "" : "&limit=" + limit) + (maxDistance == null ? "" : "&maxDistance="
                + plain(maxDistance)) + "&index=" + index + categoryParams(filter) + qParam(q)
                + (openNow ? "&openNow=true" : "");
        ApiClient.Response response = api.get(query);
        assertThat(response.status()).as(query + " " + response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.fieldNames()).toIterable().as(query).containsExactly("businesses");
        List<Long> found = new ArrayList<>();
        assertBusinesses(query, body.get("businesses"), expected, 0, lat, lng, found);
        assertThat(found).as(query).hasSize(expected.size());
        return found;
    }

    /** Area, paged to the end: asserts the oracle's answer; returns the ids in order. */
    List<Long> area(ApiClient api, String index, double south, double west, double north, double east, int limit,
            Collection<String> filter, String q, boolean openNow) {
        double[] center = boxCenter(south, west, north, east);
        List<Place> expected = byDistance(filtered(filter, q, openNow).stream()
                .filter(p -> inBox(p.lat(), p.lng(), south, west, north, east)).toList(), center[0], center[1]);
        String query = "/v1/search/area?south=" + plain(south) + "&west=" + plain(west) + "&north=" + plain(north)
                + "&east=" + plain(east) + "&limit=" + limit + "&index=" + index + categoryParams(filter) + qParam(q)
                + (openNow ? "&openNow=true" : "");
        return pages(api, query, limit, expected, center[0], center[1]);
    }

    private List<Long> pages(ApiClient api, String query, int limit, List<Place> expected, double lat, double lng) {
        List<Long> found = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String url = query + (token == null ? "" : "&pageToken=" + token);
            ApiClient.Response response = api.get(url);
            assertThat(response.status()).as(url + " " + response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("total").asLong()).as(query).isEqualTo(expected.size());
            JsonNode businesses = body.get("businesses");
            assertThat(businesses.size()).as(query).isLessThanOrEqualTo(limit);
            assertBusinesses(query, businesses, expected, found.size(), lat, lng, found);
            assertThat(body.has("nextPageToken")).as(query).isTrue();
            token = body.get("nextPageToken").isNull() ? null : body.get("nextPageToken").asText();
            assertThat(token == null).as("last page exactly when all seen: " + query)
                    .isEqualTo(found.size() == expected.size());
            pages++;
        } while (token != null && pages < 1000);
        assertThat(found).as(query).hasSize(expected.size()).doesNotHaveDuplicates();
        return found;
    }

    private static void assertBusinesses(String query, JsonNode businesses, List<Place> expected, int from,
            double lat, double lng, List<Long> found) {
        int position = from;
        for (JsonNode business : businesses) {
            assertThat(position).as(query + " more than expected: " + business).isLessThan(expected.size());
            Place place = expected.get(position);
            assertThat(business.get("id").asText()).as(query + " #" + position + " expected " + place)
                    .isEqualTo(Long.toString(place.id()));
            assertThat(business.get("name").asText()).as(query).isEqualTo(place.name());
            assertThat(business.get("category").asText()).as(query).isEqualTo(place.category());
            assertThat(business.get("latitude").asDouble()).as(query).isEqualTo(place.lat());
            assertThat(business.get("longitude").asDouble()).as(query).isEqualTo(place.lng());
            assertThat(business.get("distance").asDouble()).as(query + " distance of " + place)
                    .isEqualTo(millimetres(distance(lat, lng, place)));
            found.add(place.id());
            position++;
        }
    }

    /** One cluster as the oracle expects it. */
    record Cell(long column, long row, long count, double meanLat, double meanLng) {
    }

    /**
     * Clusters: asserts the oracle's cells (one per non-empty grid cell, count, mean position, bounds) and total;
     * returns the cells. A null filter sends no category and expects only the run's businesses in the box (for
     * the private box, where no other test puts any).
     */
    Map<Long, Cell> clusters(ApiClient api, double south, double west, double north, double east, int zoom,
            Collection<String> filter, String q) {
        return clusters(api, south, west, north, east, zoom, filter, q, false);
    }

    Map<Long, Cell> clusters(ApiClient api, double south, double west, double north, double east, int zoom,
            Collection<String> filter, String q, boolean openNow) {
        long n = 1L << (zoom + 2);
        Map<Long, List<Place>> byCell = new java.util.TreeMap<>();
        for (Place place : filtered(filter, q, openNow)) {
            if (inBox(place.lat(), place.lng(), south, west, north, east)) {
                long column = gridColumn(place.lng(), zoom);
                long row = gridRow(place.lat(), zoom);
                byCell.computeIfAbsent(column * n + row, k -> new ArrayList<>()).add(place);
            }
        }
        Map<Long, Cell> expected = new LinkedHashMap<>();
        byCell.forEach((key, members) -> expected.put(key, new Cell(key / n, key % n, members.size(),
                members.stream().mapToDouble(Place::lat).average().orElseThrow(),
                members.stream().mapToDouble(Place::lng).average().orElseThrow())));
        String query = "/v1/search/clusters?south=" + plain(south) + "&west=" + plain(west) + "&north="
                + plain(north) + "&east=" + plain(east) + "&zoom=" + zoom
                + (filter == null ? "" : categoryParams(filter)) + qParam(q) + (openNow ? "&openNow=true" : "");
        ApiClient.Response response = api.get(query);
        assertThat(response.status()).as(query + " " + response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.fieldNames()).toIterable().as(query).containsExactlyInAnyOrder("total", "clusters");
        long expectedTotal = expected.values().stream().mapToLong(Cell::count).sum();
        assertThat(body.get("total").asLong()).as(query).isEqualTo(expectedTotal);
        Map<Long, JsonNode> actual = new java.util.TreeMap<>();
        long sum = 0;
        for (JsonNode cluster : body.get("clusters")) {
            double cellWest = cluster.get("west").asDouble();
            double cellNorth = cluster.get("north").asDouble();
            long column = Math.round((cellWest + 180) / 360 * n);
            long row = cellNorth == 90 ? 0 : Math.round(mercatorY(cellNorth) * n);
            assertThat(actual.put(column * n + row, cluster)).as(query + " one cluster per cell").isNull();
            sum += cluster.get("count").asLong();
        }
        assertThat(sum).as(query + " counts add up to total").isEqualTo(body.get("total").asLong());
        assertThat(actual.keySet()).as(query + " non-empty cells").containsExactlyElementsOf(expected.keySet());
        for (Cell cell : expected.values()) {
            JsonNode cluster = actual.get(cell.column() * n + cell.row());
            String what = query + " cell " + cell;
            assertThat(cluster.get("count").asLong()).as(what).isEqualTo(cell.count());
            assertThat(cluster.get("latitude").asDouble()).as(what).isCloseTo(cell.meanLat(), within(1e-9));
            assertThat(cluster.get("longitude").asDouble()).as(what).isCloseTo(cell.meanLng(), within(1e-9));
            double[] bounds = cellBounds(cell.column(), cell.row(), zoom);
            assertThat(cluster.get("south").asDouble()).as(what).isCloseTo(bounds[0], within(1e-9));
            assertThat(cluster.get("west").asDouble()).as(what).isCloseTo(bounds[1], within(1e-9));
            assertThat(cluster.get("north").asDouble()).as(what).isCloseTo(bounds[2], within(1e-9));
            assertThat(cluster.get("east").asDouble()).as(what).isCloseTo(bounds[3], within(1e-9));
        }
        return expected;
    }

    /** The grid as the contract describes it, written without {@code WebMercatorGrid}. */
    static long gridColumn(double lng, int zoom) {
        long n = 1L << (zoom + 2);
        return Math.max(0, Math.min(n - 1, (long) Math.floor((lng + 180) / 360 * n)));
    }

    static long gridRow(double lat, int zoom) {
        long n = 1L << (zoom + 2);
        return Math.max(0, Math.min(n - 1, (long) Math.floor(mercatorY(lat) * n)));
    }

    /** 0 at the top of the square Web-Mercator world, 1 at its bottom; beyond ±85.0511287798066° clamped. */
    static double mercatorY(double lat) {
        double clamped = Math.toRadians(clamp(lat, 85.0511287798066));
        double t = Math.tan(clamped);
        double asinh = Math.signum(t) * Math.log(Math.abs(t) + Math.sqrt(t * t + 1));
        return 0.5 - asinh / (2 * Math.PI);
    }

    static double latitudeOfY(double y) {
        return Math.toDegrees(2 * Math.atan(Math.exp(Math.PI * (1 - 2 * y))) - Math.PI / 2);
    }

    static double[] cellBounds(long column, long row, int zoom) {
        long n = 1L << (zoom + 2);
        double west = -180 + column * 360.0 / n;
        double east = column == n - 1 ? 180 : -180 + (column + 1) * 360.0 / n;
        double north = row == 0 ? 90 : latitudeOfY((double) row / n);
        double south = row == n - 1 ? -90 : latitudeOfY((double) (row + 1) / n);
        return new double[] {south, west, north, east};
    }

    // ---------------------------------------------------------------------------------------------------------
    // query strings

    static String plain(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String categoryParams(Collection<String> categories) {
        StringBuilder out = new StringBuilder();
        if (categories == null) {
            return "";
        }
        categories.forEach(c -> out.append("&category=").append(c));
        return out.toString();
    }

    static String qParam(String q) {
        return q == null ? "" : "&q=" + encode(q);
    }

    static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    static double clamp(double value, double bound) {
        return Math.max(-bound, Math.min(bound, value));
    }

    static double wrap(double lng) {
        return lng > 180 ? lng - 360 : lng < -180 ? lng + 360 : lng;
    }
}
