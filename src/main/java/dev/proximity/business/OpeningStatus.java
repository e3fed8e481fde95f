package dev.proximity.business;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a business is open at an instant, read in its own time zone, and its week as lines for a page.
 * An interval whose close is not after its open runs past midnight; {@code 24:00} closes at the end of the day;
 * Sunday night runs into Monday morning.
 *
 * @param known     false without a time zone or hours: then nobody can say
 * @param open      open at the instant (false when not known)
 * @param localTime the instant in the business's zone, {@code HH:mm} (null when not known)
 * @param zone      the zone id (null without one)
 * @param week      Monday to Sunday, each day's intervals as {@code 09:00–18:00}, "Closed" without any
 */
record OpeningStatus(boolean known, boolean open, String localTime, String zone, Map<DayOfWeek, String> week) {

    private static final int DAY = 24 * 60;
    private static final int WEEK = 7 * DAY;

    static OpeningStatus of(List<OpeningHours> hours, String timeZone, Instant now) {
        List<OpeningHours> intervals = hours == null ? List.of() : hours;
        Map<DayOfWeek, String> week = week(intervals);
        if (timeZone == null || timeZone.isBlank() || intervals.isEmpty()) {
            return new OpeningStatus(false, false, null, timeZone, week);
        }
        ZonedDateTime local = now.atZone(ZoneId.of(timeZone));
        int minuteOfWeek = (local.getDayOfWeek().getValue() - 1) * DAY + local.getHour() * 60 + local.getMinute();
        boolean open = false;
        for (OpeningHours interval : intervals) {
            int start = (interval.day().getValue() - 1) * DAY + minutes(interval.open());
            int length = minutes(interval.close()) - minutes(interval.open());
            int end = start + (length > 0 ? length : length + DAY);
            open |= (minuteOfWeek >= start && minuteOfWeek < end)
                    || (minuteOfWeek + WEEK >= start && minuteOfWeek + WEEK < end);
        }
        return new OpeningStatus(true, open, String.format("%02d:%02d", local.getHour(), local.getMinute()),
                timeZone, week);
    }

    private static Map<DayOfWeek, String> week(List<OpeningHours> intervals) {
        Map<DayOfWeek, List<String>> byDay = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            byDay.put(day, new ArrayList<>());
        }
        intervals.stream()
                .sorted((a, b) -> a.open().compareTo(b.open()))
                .forEach(interval -> byDay.get(interval.day()).add(interval.open() + "–" + interval.close()));
        Map<DayOfWeek, String> week = new EnumMap<>(DayOfWeek.class);
        byDay.forEach((day, lines) -> week.put(day, lines.isEmpty() ? "Closed" : String.join(", ", lines)));
        return week;
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }
}
