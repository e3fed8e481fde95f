package dev.proximity.demo;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class TimeZoneTableTests {

    static final TimeZoneTable ZONES = TimeZoneTable.load();

    @Test
    void everyLargeCityGetsItsOwnZone() {
        Map<String, String> expected = Map.ofEntries(
                entry("Shanghai", "Asia/Shanghai"), entry("Istanbul", "Europe/Istanbul"),
                entry("Buenos Aires", "America/Argentina/Buenos_Aires"), entry("Mumbai", "Asia/Kolkata"),
                entry("Mexico City", "America/Mexico_City"), entry("Karachi", "Asia/Karachi"),
                entry("Moscow", "Europe/Moscow"), entry("Dhaka", "Asia/Dhaka"), entry("Seoul", "Asia/Seoul"),
                entry("São Paulo", "America/Sao_Paulo"), entry("Lagos", "Africa/Lagos"),
                entry("Jakarta", "Asia/Jakarta"), entry("Tokyo", "Asia/Tokyo"),
                entry("New York City", "America/New_York"), entry("Taipei", "Asia/Taipei"),
                entry("Kinshasa", "Africa/Kinshasa"), entry("Lima", "America/Lima"), entry("Cairo", "Africa/Cairo"),
                entry("Bogotá", "America/Bogota"), entry("London", "Europe/London"), entry("Chengdu", "Asia/Shanghai"),
                entry("Harbin", "Asia/Shanghai"), entry("Baghdad", "Asia/Baghdad"), entry("Tehran", "Asia/Tehran"),
                entry("Hong Kong", "Asia/Hong_Kong"), entry("Lahore", "Asia/Karachi"),
                entry("Rio de Janeiro", "America/Sao_Paulo"), entry("Bangkok", "Asia/Bangkok"),
                entry("Saint Petersburg", "Europe/Moscow"), entry("Santiago", "America/Santiago"),
                entry("Kolkata", "Asia/Kolkata"), entry("Sydney", "Australia/Sydney"), entry("Yangon", "Asia/Yangon"));
        for (CityCatalog.City city : CityCatalogTests.CITIES.largest(50)) {
            String zone = ZONES.zoneAt(city.country(), city.latDegrees(), city.lngDegrees());
            assertThat(ZoneId.of(zone)).as(city.name()).isNotNull();
            if (expected.containsKey(city.name())) {
                assertThat(zone).as(city.name()).isEqualTo(expected.get(city.name()));
            }
        }
    }

    @Test
    void countriesWithSeveralZonesAreSplitByPlace() {
        assertThat(ZONES.zoneAt("US", 34.05, -118.24)).isEqualTo("America/Los_Angeles");
        assertThat(ZONES.zoneAt("US", 41.88, -87.63)).isEqualTo("America/Chicago");
        assertThat(ZONES.zoneAt("US", 21.31, -157.86)).isEqualTo("Pacific/Honolulu");
        assertThat(ZONES.zoneAt("RU", 43.12, 131.89)).isEqualTo("Asia/Vladivostok");
        assertThat(ZONES.zoneAt("RU", 55.03, 82.92)).isEqualTo("Asia/Novosibirsk");
        assertThat(ZONES.zoneAt("BR", -3.12, -60.02)).isEqualTo("America/Manaus");
        assertThat(ZONES.zoneAt("AU", -31.95, 115.86)).isEqualTo("Australia/Perth");
        assertThat(ZONES.zoneAt("ID", -8.65, 115.22)).isEqualTo("Asia/Makassar"); // Bali is on central time
        assertThat(ZONES.zoneAt("CA", 49.28, -123.12)).isEqualTo("America/Vancouver");
        assertThat(ZONES.zoneAt("MX", 32.53, -117.04)).isEqualTo("America/Tijuana");
    }

    @Test
    void everyCountryOfTheBundledCitiesHasAValidZone() {
        CityCatalog cities = CityCatalogTests.CITIES;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < cities.size(); i++) {
            CityCatalog.City city = cities.get(i);
            if (seen.add(city.country())) {
                String zone = ZONES.zoneAt(city.country(), city.latDegrees(), city.lngDegrees());
                assertThat(ZoneId.getAvailableZoneIds()).as(city.country()).contains(zone);
            }
        }
        assertThat(ZONES.zoneAt("XK", 42.66, 21.17)).isEqualTo("Europe/Belgrade");
    }

    @Test
    void aCountryMissingFromTheTableTakesTheNearestZoneAnywhere() {
        // "ZZ" is no country: a point in Paris takes Europe/Paris from the whole table
        assertThat(ZONES.zoneAt("ZZ", 48.86, 2.35)).isEqualTo("Europe/Paris");
    }
}
