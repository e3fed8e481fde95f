package dev.proximity.business;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The fixed choices the business form offers: days, countries by English name, IANA time zones. */
final class BusinessFormChoices {

    record Country(String code, String name) {
    }

    static final List<String> DAYS = Stream.of(java.time.DayOfWeek.values()).map(Enum::name).toList();

    static final List<Country> COUNTRIES = Stream.concat(
                    Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2).stream(), Stream.of("XK"))
            .map(code -> new Country(code, code.equals("XK") ? "Kosovo"
                    : new Locale("", code).getDisplayCountry(Locale.ENGLISH)))
            .sorted(Comparator.comparing(Country::name))
            .toList();

    /** Region/City zones only (no {@code Etc/GMT+5} or legacy {@code US/Pacific} aliases). */
    static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/")
                    && Character.isUpperCase(zone.charAt(0)) && zone.indexOf('/') > 2)
            .sorted()
            .toList();


    private BusinessFormChoices() {
    }
}
