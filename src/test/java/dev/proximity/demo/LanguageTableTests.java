package dev.proximity.demo;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class LanguageTableTests {

    static final LanguageTable LANGUAGES = NameListTests.LANGUAGES;

    /** Every one of the 50 most populous bundled cities and the languages its businesses are named in. */
    static final Map<String, Set<String>> LARGEST = Map.ofEntries(
            entry("Shanghai", Set.of("zh-Hans")), entry("Istanbul", Set.of("tr")), entry("Buenos Aires", Set.of("es")),
            entry("Mumbai", Set.of("hi", "en-IN")), entry("Mexico City", Set.of("es")),
            entry("Beijing", Set.of("zh-Hans")), entry("Karachi", Set.of("ur")), entry("Tianjin", Set.of("zh-Hans")),
            entry("Guangzhou", Set.of("zh-Hans")), entry("Delhi", Set.of("hi", "en-IN")),
            entry("Moscow", Set.of("ru")), entry("Shenzhen", Set.of("zh-Hans")), entry("Dhaka", Set.of("bn")),
            entry("Seoul", Set.of("ko")), entry("São Paulo", Set.of("pt")), entry("Wuhan", Set.of("zh-Hans")),
            entry("Lagos", Set.of("en")), entry("Jakarta", Set.of("id")), entry("Tokyo", Set.of("ja")),
            entry("New York City", Set.of("en")), entry("Dongguan", Set.of("zh-Hans")),
            entry("Taipei", Set.of("zh-Hant")), entry("Kinshasa", Set.of("fr")), entry("Lima", Set.of("es")),
            entry("Cairo", Set.of("ar")), entry("Bogotá", Set.of("es")), entry("London", Set.of("en")),
            entry("Chongqing", Set.of("zh-Hans")), entry("Chengdu", Set.of("zh-Hans")), entry("Baghdad", Set.of("ar")),
            entry("Nanjing", Set.of("zh-Hans")), entry("Tehran", Set.of("fa")), entry("Nanchong", Set.of("zh-Hans")),
            entry("Hong Kong", Set.of("zh-Hant", "en")), entry("Xi’an", Set.of("zh-Hans")),
            entry("Lahore", Set.of("ur")), entry("Shenyang", Set.of("zh-Hans")), entry("Hangzhou", Set.of("zh-Hans")),
            entry("Rio de Janeiro", Set.of("pt")), entry("Harbin", Set.of("zh-Hans")),
            entry("Tai’an", Set.of("zh-Hans")), entry("Suzhou", Set.of("zh-Hans")),
            entry("Shantou", Set.of("zh-Hans")), entry("Bangkok", Set.of("th")),
            entry("Bengaluru", Set.of("en-IN", "hi")), entry("Saint Petersburg", Set.of("ru")),
            entry("Santiago", Set.of("es")), entry("Kolkata", Set.of("bn", "en-IN", "hi")),
            entry("Sydney", Set.of("en")), entry("Yangon", Set.of("my")));

    @Test
    void theLargestCitiesAreNamedInTheirOwnLanguages() {
        Random random = new Random(1);
        assertThat(CityCatalogTests.CITIES.largest(50)).extracting(CityCatalog.City::name)
                .containsExactlyInAnyOrderElementsOf(LARGEST.keySet());
        for (CityCatalog.City city : CityCatalogTests.CITIES.largest(50)) {
            Set<String> tags = new TreeSet<>();
            for (int i = 0; i < 300; i++) {
                tags.add(LANGUAGES.pick(city, random).tag());
            }
            assertThat(tags).as(city.name()).isEqualTo(LARGEST.get(city.name()));
        }
    }

    @Test
    void theLongTailIsNamedByCountryWithEnglishForTheRest() {
        Random random = new Random(2);
        assertThat(LANGUAGES.pick(city("Paris", "FR"), random).tag()).isEqualTo("fr");
        assertThat(LANGUAGES.pick(city("Berlin", "DE"), random).tag()).isEqualTo("de");
        assertThat(LANGUAGES.pick(city("Kraków", "PL"), random).tag()).isEqualTo("pl");
        assertThat(LANGUAGES.pick(city("Hanoi", "VN"), random).tag()).isEqualTo("vi");
        assertThat(LANGUAGES.pick(city("Kyiv", "UA"), random).tag()).isEqualTo("uk");
        assertThat(LANGUAGES.pick(city("Montréal", "CA"), random).tag()).isIn("fr", "en");
        assertThat(LANGUAGES.pick(city("Reykjavík", "IS"), random).tag()).isEqualTo(LanguageTable.FALLBACK);
    }

    private static CityCatalog.City city(String name, String country) {
        return new CityCatalog.City(name, country, 0, 0, 100_000);
    }
}
