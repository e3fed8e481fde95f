package dev.proximity.search;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.proximity.search.ShapesFixture.alphabet;
import static dev.proximity.search.ShapesFixture.encode;
import static dev.proximity.support.ProblemAssertions.assertFieldError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyword search ({@code q}) on nearby, nearest, area and clusters, through every index: hand-checked answers for
 * names in Korean, Japanese, accented Latin, full-width forms and with apostrophes (explicit ids, so the test's
 * own fold cannot be wrong the same way as the server's), then random keywords against the test's independent
 * fold (see {@link ShapesFixture#tokens}), and the 400s of a {@code q} that is too long or has no word.
 */
@ApiIntegrationTest
class KeywordSearchOracleTests {

    private static final List<String> INDEXES = List.of("geohash", "quadtree", "s2");
    /** The keywords random queries use; the run's category parts are added. */
    private static final List<String> QUERIES = List.of("cafe", "caf", "afe", "CAFÉ", "ＣＡＦＥ", "국밥", "밥", "ラーメン",
            "ﾗｰﾒﾝ", "東京", "一蘭", "strasse", "Straße", "mcdonalds", "McDonald's", "mc", "cafe tokyo", "cafe 東京",
            "sao paulo", "paulo", "grill", "noodle", "bak", "house", "golden dragon", "dragon golden", "g", "s", "x",
            "2", "12", "kimbap", "천국", "すし", "creme brulee", "brûlée", "flore de", "de", "müller", "muller",
            "seoul 국수", "l'etoile", "tie", "bistro", "diner", "パン", "焼肉", "named", "grill house", "b");

    @LocalServerPort
    int port;

    @Autowired
    SearchState state;

    private ShapesFixture fixture() {
        return ShapesFixture.of(port, state);
    }

    static String randomQ(ShapesFixture f, Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> f.run;
            case 1 -> f.run.substring(0, 3) + " " + QUERIES.get(random.nextInt(QUERIES.size()));
            default -> QUERIES.get(random.nextInt(QUERIES.size()));
        };
    }

    @Test
    void handCheckedKeywordsFindExactlyTheseNamesOnEveryCall() {
        ShapesFixture f = fixture();
        ApiClient api = new ApiClient(port);
        List<String> cafes = List.of("Café de Flore", "ＣＡＦＥ ＴＯＫＹＯ", "CAFE NERO", "Café東京", "Cafeteria Roma");
        List<String> ties = List.of("Tie 0", "Tie 1", "Tie 2", "Tie 3", "Tie 4");
        Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
        cases.put("cafe", cafes);
        cases.put("CAFÉ", cafes);
        cases.put("ｃａｆｅ", cafes);
        cases.put("caf", cafes);
        cases.put("afe", List.of()); // an infix of a Latin word is not a prefix
        cases.put("國", List.of());
        cases.put("국밥", List.of("할매국밥", "국밥집 서울")); // substring in a Hangul run
        cases.put("밥", List.of("할매국밥", "국밥집 서울", "김밥천국"));
        cases.put("ラーメン", List.of("ラーメン一蘭", "東京ラーメン"));
        cases.put("ﾗｰﾒﾝ", List.of("ラーメン一蘭", "東京ラーメン")); // half-width katakana
        cases.put("一蘭", List.of("ラーメン一蘭"));
        cases.put("東京", List.of("東京ラーメン", "Café東京"));
        cases.put("すし", List.of("すし処"));
        cases.put("cafe 東京", List.of("Café東京")); // every token must match
        cases.put("CAFÉ東京", List.of("Café東京")); // two tokens: the script changes
        cases.put("cafe tokyo", List.of("ＣＡＦＥ ＴＯＫＹＯ"));
        cases.put("tokyo, cafe!", List.of("ＣＡＦＥ ＴＯＫＹＯ"));
        cases.put("cafe harbor", List.of());
        cases.put("safe", List.of("Safe Harbor"));
        cases.put("strasse", List.of("Straße Bäckerei"));
        cases.put("STRASSE backerei", List.of("Straße Bäckerei"));
        cases.put("bäck", List.of("Straße Bäckerei"));
        cases.put("mcdonalds", List.of("McDonald's"));
        cases.put("McDonald's", List.of("McDonald's"));
        cases.put("mcdonald", List.of("McDonald's"));
        cases.put("mcdonald s", List.of());
        cases.put("creme brulee", List.of("Crème Brûlée"));
        cases.put("sao", List.of("São Paulo Grill"));
        // an apostrophe joins (McDonald's is one word, mcdonalds): L’Étoile is "letoile", which "etoile" is no
        // prefix of
        cases.put("etoile", List.of());
        cases.put("letoile", List.of("L’Étoile"));
        cases.put("l'etoile", List.of("L’Étoile"));
        cases.put("L’ÉTOILE", List.of("L’Étoile"));
        cases.put("flore de", List.of("Café de Flore"));
        cases.put("dragon", List.of("Golden Dragon"));
        cases.put("diner", List.of()); // renamed after it was folded into the base table
        cases.put("bistro", List.of("Renamed Bistro"));
        cases.put("tie", ties);
        cases.put("named tie", ties); // a category token and a name token
        cases.put("named cafe", cafes);
        cases.put("NAM", f.named.keySet().stream().toList()); // a prefix of a category token: all of them
        cases.put(f.run, f.named.keySet().stream().toList());
        cases.put("grill", List.of("São Paulo Grill"));
        cases.put("house", List.of());
        Function<List<String>, List<Long>> ids = names -> names.stream().map(name -> {
            assertThat(f.named).containsKey(name);
            return f.named.get(name);
        }).sorted().toList();
        List<String> named = List.of(f.namedCategory);
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            String q = c.getKey();
            List<Long> expected = ids.apply(c.getValue());
            for (String index : INDEXES) {
                assertThat(f.nearby(api, index, 35.70, 139.70, 5000, named, q, false)).as(q + " nearby " + index)
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(f.nearest(api, index, 35.70, 139.70, 50, 5000.0, named, q, false))
                        .as(q + " nearest " + index).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(f.area(api, index, 35.68, 139.68, 35.71, 139.71, 50, named, q, false))
                        .as(q + " area " + index).containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThat(f.clusters(api, -90, -180, 90, 180, 0, named, q).values().stream()
                    .mapToLong(ShapesFixture.Cell::count).sum()).as(q + " clusters").isEqualTo(expected.size());
        }
        // openNow with q: the even-numbered named businesses are always open, the others never
        for (String index : INDEXES) {
            assertThat(f.nearby(api, index, 35.70, 139.70, 5000, named, "cafe", true))
                    .containsExactlyInAnyOrderElementsOf(ids.apply(List.of("Café de Flore", "ＣＡＦＥ ＴＯＫＹＯ",
                            "CAFE NERO", "Cafeteria Roma")));
        }
    }

    @Test
    void aKeywordOfMoreThan63WordsIsStillEveryWord() {
        ShapesFixture f = fixture();
        ApiClient api = new ApiClient(port);
        List<String> named = List.of(f.namedCategory);
        long alphabetId = f.named.get(alphabet());
        String words = alphabet().substring(0, 63); // 63 one-character words, all in the name
        for (String index : INDEXES) {
            // 62 name words and a category word: 63 words
            assertThat(f.nearby(api, index, 35.70, 139.70, 5000, named, words.substring(0, 62) + " named", false))
                    .containsExactly(alphabetId);
            // a category word, 63 name words and a word in neither: the 65th word must still be matched
            assertThat(f.nearby(api, index, 35.70, 139.70, 5000, named, "named " + words + "힣", false)).isEmpty();
            assertThat(f.area(api, index, 35.68, 139.68, 35.71, 139.71, 50, named, "named " + words + "힣", false))
                    .isEmpty();
            // 63 name words and a 64th that only the category has
            assertThat(f.nearby(api, index, 35.70, 139.70, 5000, named, words + " named", false))
                    .containsExactly(alphabetId);
            assertThat(f.nearest(api, index, 35.70, 139.70, 50, null, named, words + " " + f.run, false))
                    .containsExactly(alphabetId);
        }
        assertThat(f.clusters(api, -90, -180, 90, 180, 0, named, "named " + words + "힣")).isEmpty();
        assertThat(f.clusters(api, -90, -180, 90, 180, 0, named, words + " named")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"geohash", "quadtree", "s2"})
    void randomKeywordsOnEveryCallAreTheOraclesAnswer(String index) {
        ShapesFixture f = fixture();
        ApiClient api = new ApiClient(port);
        Random random = new Random(47 + index.hashCode());
        for (int i = 0; i < 25; i++) {
            double[] center = SearchShapesOracleTests.center(f, random);
            double radius = random.nextInt(3) == 0 ? 50_000 : Math.round(random.nextDouble() * 2_000_000) / 100.0 + 1;
            f.nearby(api, index, center[0], center[1], radius, SearchShapesOracleTests.filter(f, random),
                    randomQ(f, random), random.nextInt(4) == 0);
            center = SearchShapesOracleTests.center(f, random);
            f.nearest(api, index, center[0], center[1], 1 + random.nextInt(50), random.nextBoolean() ? null : radius,
                    SearchShapesOracleTests.filter(f, random), randomQ(f, random), random.nextInt(4) == 0);
            double[] box = SearchShapesOracleTests.randomBox(f, random);
            f.area(api, index, box[0], box[1], box[2], box[3], 5 + random.nextInt(46),
                    SearchShapesOracleTests.filter(f, random), randomQ(f, random), random.nextInt(4) == 0);
        }
        for (int i = 0; i < 8; i++) {
            f.clusters(api, -90, -180, 90, 180, random.nextInt(5), SearchShapesOracleTests.filter(f, random),
                    randomQ(f, random));
        }
    }

    @Test
    void aKeywordWithoutWordsOrTooLongIsA400NamingQ() {
        ApiClient api = new ApiClient(port);
        List<String> calls = List.of("/v1/search/nearby?latitude=1&longitude=2",
                "/v1/search/nearest?latitude=1&longitude=2", "/v1/search/area?south=1&west=2&north=1.1&east=2.1",
                "/v1/search/clusters?south=1&west=2&north=1.1&east=2.1&zoom=3");
        String hundred = "a".repeat(100);
        String hundredHangul = "밥".repeat(100);
        for (String call : calls) {
            for (String bad : List.of("!!!", " ", "'", "’ - ’", "", "a".repeat(101), "밥".repeat(101),
                    "a ".repeat(50) + "b")) {
                assertFieldError(api.get(call + "&q=" + encode(bad)), "q");
            }
            assertThat(api.get(call + "&q=" + hundred).status()).as(call).isEqualTo(200);
            assertThat(api.get(call + "&q=" + encode(hundredHangul)).status()).as(call).isEqualTo(200);
            assertThat(api.get(call + "&q=" + encode("!!!a")).status()).as(call).isEqualTo(200);
            assertFieldError(api.get(call + "&q=cafe&q=cafe"), "q");
        }
    }
}
