package dev.proximity.demo;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which days offices and banks work where a business is, and on which day most shops close. Most countries
 * work Monday to Friday and rest on Sunday; much of the Arab world, Israel and Bangladesh work Sunday to
 * Thursday (weekend Friday and Saturday); Iran and Afghanistan work Saturday to Wednesday with a half day on
 * Thursday and rest on Friday; Nepal works Sunday to Friday and rests on Saturday.
 */
enum Workweek {

    MONDAY_TO_FRIDAY(DayOfWeek.MONDAY, 5, DayOfWeek.SUNDAY),
    SUNDAY_TO_THURSDAY(DayOfWeek.SUNDAY, 5, DayOfWeek.FRIDAY),
    SATURDAY_TO_WEDNESDAY(DayOfWeek.SATURDAY, 5, DayOfWeek.FRIDAY),
    SUNDAY_TO_FRIDAY(DayOfWeek.SUNDAY, 6, DayOfWeek.SATURDAY);

    private static final Set<String> FRIDAY_SATURDAY_WEEKEND = Set.of("BD", "BH", "DZ", "EG", "IL", "IQ", "JO", "KW",
            "LY", "MV", "OM", "PS", "QA", "SA", "SD", "SY", "YE");

    private final DayOfWeek first;
    private final Set<DayOfWeek> officeDays;
    private final DayOfWeek restDay;
    private final Optional<DayOfWeek> halfDay;

    Workweek(DayOfWeek first, int officeDayCount, DayOfWeek restDay) {
        this.first = first;
        this.officeDays = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < officeDayCount; i++) {
            officeDays.add(first.plus(i));
        }
        this.restDay = restDay;
        DayOfWeek next = first.plus(officeDayCount);
        this.halfDay = next == restDay ? Optional.empty() : Optional.of(next);
    }

    static Workweek forCountry(String country) {
        if (FRIDAY_SATURDAY_WEEKEND.contains(country)) {
            return SUNDAY_TO_THURSDAY;
        }
        return switch (country) {
            case "IR", "AF" -> SATURDAY_TO_WEDNESDAY;
            case "NP" -> SUNDAY_TO_FRIDAY;
            default -> MONDAY_TO_FRIDAY;
        };
    }

    /** The days banks and offices open (a copy). */
    Set<DayOfWeek> officeDays() {
        return EnumSet.copyOf(officeDays);
    }

    /** The first of the office days (Monday, Sunday or Saturday). */
    DayOfWeek firstOfficeDay() {
        return first;
    }

    /** The day after the office days when many offices and shops open in the morning (Saturday; Thursday in Iran). */
    Optional<DayOfWeek> halfDay() {
        return halfDay;
    }

    /** The day most shops close (Sunday, or Friday, or Saturday in Nepal). */
    DayOfWeek restDay() {
        return restDay;
    }
}
