package dev.proximity.demo;

import java.util.Random;

import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CityCatalogTests {

    static final CityCatalog CITIES = CityCatalog.load();

    @Test
    void loadsEveryBundledCityWithNameAndCountry() {
        assertThat(CITIES.size()).isEqualTo(135_233);
        for (int i = 0; i < CITIES.size(); i += 997) {
            CityCatalog.City city = CITIES.get(i);
            assertThat(city.name()).isNotBlank();
            assertThat(city.country()).matches("[A-Z]{2}");
            assertThat(LatLng.isValid(city.latDegrees(), city.lngDegrees())).isTrue();
        }
    }

    @Test
    void picksBigCitiesFarMoreOftenThanVillages() {
        Random random = new Random(1);
        int big = 0;
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            if (CITIES.pick(random).population() >= 1_000_000) {
                big++;
            }
        }
        // a few hundred of 135k places hold about a quarter of the listed population
        assertThat(big).isBetween(draws / 8, draws / 2);
    }

    @Test
    void largestCitiesComeMostPopulousFirst() {
        java.util.List<CityCatalog.City> largest = CITIES.largest(50);
        assertThat(largest).hasSize(50);
        assertThat(largest.get(0).name()).isEqualTo("Shanghai");
        assertThat(largest).extracting(CityCatalog.City::name).contains("Seoul", "Tokyo", "Cairo", "Yangon")
                .doesNotContain("Jinan"); // the 51st
        for (int i = 1; i < largest.size(); i++) {
            assertThat(largest.get(i).population()).isLessThanOrEqualTo(largest.get(i - 1).population());
        }
    }

    @Test
    void nearestCityOfSeoulCityHallIsSeoul() {
        // Seoul City Hall is about 60 m from the listed point of Seoul
        CityCatalog.City nearest = CITIES.nearest(LatLng.ofDegrees(37.5665, 126.9780));
        assertThat(nearest.name()).isEqualTo("Seoul");
        assertThat(nearest.country()).isEqualTo("KR");
    }

    @Test
    void destinationLiesAtTheRequestedGreatCircleDistance() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            double lat = random.nextDouble() * 178 - 89;
            double lng = random.nextDouble() * 360 - 180;
            double meters = random.nextDouble() * 40_000;
            double[] to = CityCatalog.destination(lat, lng, meters, random.nextDouble() * 2 * Math.PI);
            assertThat(to[1]).isBetween(-180.0, 180.0);
            assertThat(Haversine.distanceMeters(LatLng.ofDegrees(lat, lng), LatLng.ofDegrees(to[0], to[1])))
                    .isCloseTo(meters, within(0.01));
        }
    }

    @Test
    void offsetsStayWithinFortyKilometres() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            assertThat(CityCatalog.offsetKm(random, CityCatalog.scaleKm(20_000_000))).isBetween(0.0, 40.0);
        }
        assertThat(CityCatalog.scaleKm(1_000)).isCloseTo(0.45, within(0.01));
        assertThat(CityCatalog.scaleKm(50_000_000)).isEqualTo(8.0);
    }
}
