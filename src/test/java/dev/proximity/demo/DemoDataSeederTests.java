package dev.proximity.demo;

import dev.proximity.support.EmbeddedServersOnly;
import java.lang.Character.UnicodeScript;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.SettableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In the embedded mode an empty database is seeded once, with the default settings: a dense neighbourhood named
 * in the local language around each of the 50 largest bundled cities and the map's default centre, a long tail
 * elsewhere, opening hours and time zones that {@code openNow} understands.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "proximity.demo.enabled=true")
@Import(DemoDataSeederTests.SettableClockConfiguration.class)
@EmbeddedServersOnly("demo data is seeded in the embedded mode only")
class DemoDataSeederTests {

    /** Seoul City Hall, the map's default centre. */
    static final double CENTRE_LAT = 37.5665;
    static final double CENTRE_LNG = 126.9780;

    /** Great-circle metres from the point given as the first two parameters (latitude, longitude). */
    static final String METERS = "2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(b.latitude - ?) / 2), 2)"
            + " + cos(radians(?)) * cos(radians(b.latitude)) * power(sin(radians(b.longitude - ?) / 2), 2))))";

    @TestConfiguration(proxyBeanMethods = false)
    static class SettableClockConfiguration {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock(Instant.now());
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DemoDataSeeder seeder;

    @Autowired
    SettableClock clock;

    @LocalServerPort
    int port;

    @Test
    void seedsTheEmptyDatabaseOnceAtStartUp() {
        Map<String, Object> seeded = jdbc.queryForMap("""
                SELECT count(*) AS businesses, count(DISTINCT b.owner_id) AS owners,
                       count(DISTINCT b.city) AS cities, count(DISTINCT b.category) AS categories,
                       bool_and(o.email = ?) AS all_demo, bool_and(b.country ~ '^[A-Z]{2}$') AS countries_ok,
                       bool_and(length(b.geohash) = 12) AS cells_ok, count(b.address) AS addresses
                FROM business b JOIN owner o ON o.id = b.owner_id""", DemoDataSeeder.DEMO_OWNER_EMAIL);
        long expected = seeder.businesses().size();
        assertThat(expected).isEqualTo(50 * 500 + 20_000);
        assertThat(seeded.get("businesses")).isEqualTo(expected);
        assertThat(seeded.get("owners")).isEqualTo(1L);
        assertThat((Long) seeded.get("cities")).isGreaterThan(3_000L);
        assertThat((Long) seeded.get("categories")).isEqualTo(20L);
        assertThat(seeded.get("all_demo")).isEqualTo(true);
        assertThat(seeded.get("countries_ok")).isEqualTo(true);
        assertThat(seeded.get("cells_ok")).isEqualTo(true);
        assertThat(seeded.get("addresses")).isEqualTo(expected);

        seeder.run(new DefaultApplicationArguments()); // a restart finds data and adds nothing
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business", Long.class)).isEqualTo(expected);
    }

    @Test
    void theDefaultCentreAndTheFiftyLargestCitiesEachHaveThreeHundredWithinTwoKilometres() {
        List<double[]> centres = new ArrayList<>();
        centres.add(new double[] {CENTRE_LAT, CENTRE_LNG});
        CityCatalog.load().largest(50).forEach(c -> centres.add(new double[] {c.latDegrees(), c.lngDegrees()}));
        for (double[] centre : centres) {
            long inDisc = within(centre[0], centre[1], 2_000);
            assertThat(inDisc).as(centre[0] + ", " + centre[1]).isGreaterThanOrEqualTo(300);
            // a downtown, not a uniform disc: per km², the first 500 m hold more than twice the ring from 1.5 to 2 km
            // (whose area is 7 times as large)
            long ring = inDisc - within(centre[0], centre[1], 1_500);
            assertThat(within(centre[0], centre[1], 500) * 7).isGreaterThan(2 * ring);
        }
    }

    @Test
    void namesAreWrittenInTheCitysLanguageAndScript() {
        assertScript(37.5660, 126.9784, UnicodeScript.HANGUL, 0.95); // Seoul
        assertScript(35.6895, 139.6917, UnicodeScript.HAN, 0.95); // Tokyo: kanji or kana
        assertScript(31.2222, 121.4581, UnicodeScript.HAN, 0.95); // Shanghai
        assertScript(30.0626, 31.2497, UnicodeScript.ARABIC, 0.95); // Cairo
        assertScript(35.6944, 51.4215, UnicodeScript.ARABIC, 0.95); // Tehran
        assertScript(24.8608, 67.0104, UnicodeScript.ARABIC, 0.95); // Karachi
        assertScript(55.7522, 37.6156, UnicodeScript.CYRILLIC, 0.95); // Moscow
        assertScript(13.7540, 100.5014, UnicodeScript.THAI, 0.9); // Bangkok
        assertScript(23.7104, 90.4074, UnicodeScript.BENGALI, 0.95); // Dhaka
        assertScript(16.8053, 96.1561, UnicodeScript.MYANMAR, 0.95); // Yangon
        assertScript(28.6520, 77.2315, UnicodeScript.DEVANAGARI, 0.35); // Delhi mixes Hindi and English
        assertScript(19.4285, -99.1277, UnicodeScript.LATIN, 0.95); // Mexico City
        assertThat(names(19.4285, -99.1277, 2_000)).anyMatch(n -> n.matches("(Farmacia|Taquería|Panadería|Café) .+"));
        assertThat(names(-23.5475, -46.6361, 2_000))
                .anyMatch(n -> n.matches("(Farmácia|Padaria|Drogaria|Lanchonete) .+"));
        assertThat(names(41.0138, 28.9497, 2_000)).anyMatch(n -> n.endsWith(" Eczanesi"));
        // Paris is not among the 50 largest, so it only has the long tail, in French
        List<String> paris = names(48.8534, 2.3488, 20_000);
        assertThat(paris).hasSizeGreaterThan(5)
                .allMatch(n -> NameListTests.hasScript(n, UnicodeScript.LATIN))
                .anyMatch(n -> n.matches(".*\\b(du|de|des|la|le|Chez|Boulangerie|Pharmacie|Café|Restaurant)\\b.*"));
    }

    @Test
    void mostBusinessesHaveOpeningHoursAndEveryOneAValidTimeZone() {
        Map<String, Object> hours = jdbc.queryForMap("""
                SELECT count(*) FILTER (WHERE hours <> '[]'::jsonb) AS with_hours, count(*) AS businesses,
                       count(*) FILTER (WHERE time_zone IS NULL) AS without_zone
                FROM business""");
        assertThat((Long) hours.get("with_hours")).isGreaterThan((Long) hours.get("businesses") * 8 / 10)
                .isLessThan((Long) hours.get("businesses") * 97 / 100);
        assertThat(hours.get("without_zone")).isEqualTo(0L);
        List<String> zones = jdbc.queryForList("SELECT DISTINCT time_zone FROM business", String.class);
        assertThat(zones).hasSizeGreaterThan(100).allSatisfy(zone -> assertThat(ZoneId.of(zone)).isNotNull());
        assertThat(zonesWithin(CENTRE_LAT, CENTRE_LNG)).containsExactly("Asia/Seoul");
        assertThat(zonesWithin(40.7143, -74.0060)).containsExactly("America/New_York");
        assertThat(zonesWithin(-33.8679, 151.2073)).containsExactly("Australia/Sydney");
    }

    @Test
    void openNowAroundSeoulFollowsTheHoursInSeoulTime() {
        ApiClient api = new ApiClient(port);
        long all = within(CENTRE_LAT, CENTRE_LNG, 2_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> total(api, false) == all); // search has the seeded rows

        clock.set(LocalDateTime.parse("2024-06-12T03:30").atZone(ZoneId.of("Asia/Seoul")).toInstant()); // Wednesday
        long openAtNight = total(api, true);
        clock.set(LocalDateTime.parse("2024-06-12T12:30").atZone(ZoneId.of("Asia/Seoul")).toInstant());
        long openAtNoon = total(api, true);

        // at 03:30 hotels, round-the-clock shops, late bars and some pharmacies are open
        assertThat(openAtNight).isPositive().isLessThan(all / 3);
        // at 12:30 on a Wednesday most are open, not those without hours or closed on Wednesdays
        assertThat(openAtNoon).isGreaterThan(all / 2).isLessThan(all);
    }

    private long total(ApiClient api, boolean openNow) {
        JsonNode page = api.get("/v1/search/nearby?latitude=" + CENTRE_LAT + "&longitude=" + CENTRE_LNG
                + "&radius=2000&limit=1&openNow=" + openNow).json();
        return page.get("total").asLong();
    }

    private long within(double lat, double lng, double meters) {
        return jdbc.queryForObject("SELECT count(*) FROM business b WHERE " + METERS + " <= ?", Long.class,
                lat, lat, lng, meters);
    }

    private List<String> names(double lat, double lng, double meters) {
        return jdbc.queryForList("SELECT b.name FROM business b WHERE " + METERS + " <= ?", String.class,
                lat, lat, lng, meters);
    }

    private List<String> zonesWithin(double lat, double lng) {
        return jdbc.queryForList("SELECT DISTINCT b.time_zone FROM business b WHERE " + METERS + " <= 2000",
                String.class, lat, lat, lng);
    }

    private void assertScript(double lat, double lng, UnicodeScript script, double share) {
        List<String> names = names(lat, lng, 2_000);
        long inScript = names.stream().filter(n -> NameListTests.hasScript(n, script)).count();
        assertThat(inScript).as(script + " at " + lat + ", " + lng + ": " + names.subList(0, 10))
                .isGreaterThanOrEqualTo((long) Math.ceil(share * names.size()));
    }
}
