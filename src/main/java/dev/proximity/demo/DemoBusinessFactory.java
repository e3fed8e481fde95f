package dev.proximity.demo;

import java.util.Random;

import dev.proximity.business.BusinessRequest;

/**
 * One believable business at a given place near a city: a category in the shares of that part of town, a name and
 * a street address in a language of the place, the place's IANA time zone and opening hours that the category
 * keeps there. Immutable and thread-safe; the randomness comes from the caller.
 */
final class DemoBusinessFactory {

    private final LanguageTable languages;
    private final TimeZoneTable zones;
    private final OpeningHoursModel hours;

    DemoBusinessFactory(LanguageTable languages, TimeZoneTable zones, OpeningHoursModel hours) {
        this.languages = languages;
        this.zones = zones;
        this.hours = hours;
    }

    static DemoBusinessFactory load() {
        return new DemoBusinessFactory(LanguageTable.load(), TimeZoneTable.load(), new OpeningHoursModel());
    }

    /** A business at {@code latDegrees, lngDegrees}, {@code distanceKm} from the centre of {@code city}. */
    BusinessRequest create(CityCatalog.City city, double latDegrees, double lngDegrees, double distanceKm,
            Random random) {
        String category = CategoryMix.at(city.population(), distanceKm).pick(random);
        NameList names = languages.pick(city, random);
        String name = names.name(category, random);
        String address = names.address(random);
        return new BusinessRequest(name, category, round6(latDegrees), round6(lngDegrees), address, city.name(), null,
                city.country(), null, null, null, zones.zoneAt(city.country(), latDegrees, lngDegrees),
                hours.hours(category, Workweek.forCountry(city.country()), random));
    }

    /** About 0.1 m: what a real listing would carry. */
    private static double round6(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
