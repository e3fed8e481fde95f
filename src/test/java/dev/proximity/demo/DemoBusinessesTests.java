package dev.proximity.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.proximity.business.BusinessRequest;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated stream without a database: where the businesses are, and that a seed fixes them. */
class DemoBusinessesTests {

    static final CityCatalog CITIES = CityCatalogTests.CITIES;
    static final DemoBusinessFactory FACTORY = DemoBusinessFactory.load();
    static final LatLng SEOUL_CITY_HALL = LatLng.ofDegrees(37.5665, 126.9780);

    @Test
    void theDefaultCentreSharesSeoulsNeighbourhoodButGetsItsOwnElsewhere() {
        List<CityCatalog.City> cores = DemoBusinesses.cores(CITIES, 50, SEOUL_CITY_HALL);
        assertThat(cores).hasSize(50);
        List<CityCatalog.City> withParis = DemoBusinesses.cores(CITIES, 50, LatLng.ofDegrees(48.8566, 2.3522));
        assertThat(withParis).hasSize(51);
        CityCatalog.City paris = withParis.get(50);
        assertThat(paris.country()).isEqualTo("FR");
        assertThat(paris.latDegrees()).isEqualTo(48.8566);
    }

    @Test
    void everyNeighbourhoodHasMoreThanThreeHundredWithinTwoKilometresWhateverTheSeed() {
        List<CityCatalog.City> cores = DemoBusinesses.cores(CITIES, 50, SEOUL_CITY_HALL);
        for (long seed : new long[] {1, 2}) {
            List<BusinessRequest> all = list(new DemoBusinesses(CITIES, FACTORY, cores, 500, 0, seed));
            assertThat(all).hasSize(50 * 500);
            for (CityCatalog.City core : cores) {
                LatLng centre = LatLng.ofDegrees(core.latDegrees(), core.lngDegrees());
                assertThat(within(all, centre, 2_000)).as(core.name()).isBetween(320L, 340L);
                assertThat(within(all, centre, 500)).as(core.name()).isBetween(50L, 60L);
            }
            // City Hall is about 60 m from Seoul's listed point
            assertThat(within(all, SEOUL_CITY_HALL, 2_000)).isGreaterThan(310L);
        }
    }

    @Test
    void theSameSeedGivesTheSameBusinessesAndAnotherSeedOthers() {
        List<CityCatalog.City> cores = CITIES.largest(3);
        List<BusinessRequest> first = list(new DemoBusinesses(CITIES, FACTORY, cores, 200, 2_000, 7));
        List<BusinessRequest> again = list(new DemoBusinesses(CITIES, FACTORY, cores, 200, 2_000, 7));
        List<BusinessRequest> other = list(new DemoBusinesses(CITIES, FACTORY, cores, 200, 2_000, 8));
        assertThat(again).isEqualTo(first);
        assertThat(other).hasSameSizeAs(first).isNotEqualTo(first);
    }

    @Test
    void categoriesHaveCityLikeSharesWithPetrolStationsOutOfTown() {
        List<CityCatalog.City> cores = CITIES.largest(50);
        List<BusinessRequest> all = list(new DemoBusinesses(CITIES, FACTORY, cores, 500, 20_000, 42));
        Map<String, Integer> counts = new HashMap<>();
        all.forEach(b -> counts.merge(b.category(), 1, Integer::sum));
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(CategoryMix.CATEGORIES);
        assertThat(share(counts, "restaurant", all.size())).isBetween(0.17, 0.25);
        assertThat(share(counts, "cafe", all.size())).isBetween(0.08, 0.14);
        for (String category : CategoryMix.CATEGORIES) {
            assertThat(share(counts, category, all.size())).as(category).isBetween(0.008, 0.25);
        }
        long petrolInCores = all.subList(0, 50 * 500).stream().filter(b -> b.category().equals("gas_station")).count();
        long petrolInTail = all.subList(50 * 500, all.size()).stream().filter(b -> b.category().equals("gas_station"))
                .count();
        assertThat(petrolInTail / 20_000.0).isGreaterThan(4 * petrolInCores / 25_000.0);
    }

    @Test
    void neighbourhoodNamesRarelyRepeat() {
        List<CityCatalog.City> cores = CITIES.largest(50);
        List<BusinessRequest> all = list(new DemoBusinesses(CITIES, FACTORY, cores, 500, 0, 42));
        for (int core = 0; core < cores.size(); core++) {
            Set<String> names = new HashSet<>();
            all.subList(core * 500, core * 500 + 500).forEach(b -> names.add(b.name()));
            assertThat(names).as(cores.get(core).name()).hasSizeGreaterThan(400);
        }
    }

    static List<BusinessRequest> list(Iterable<BusinessRequest> businesses) {
        List<BusinessRequest> all = new ArrayList<>();
        businesses.forEach(all::add);
        return all;
    }

    static long within(List<BusinessRequest> businesses, LatLng centre, double meters) {
        return businesses.stream()
                .filter(b -> Haversine.distanceMeters(centre, LatLng.ofDegrees(b.latitude(), b.longitude())) <= meters)
                .count();
    }

    private static double share(Map<String, Integer> counts, String category, int total) {
        return counts.getOrDefault(category, 0) / (double) total;
    }
}
