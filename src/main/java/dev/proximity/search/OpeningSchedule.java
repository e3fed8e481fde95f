package dev.proximity.search;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A business's weekly opening intervals in its own time zone, as minutes of the week (Monday 00:00 is 0).
 * An interval whose close is not after its open runs past midnight into the next day ({@code FRI 18:00-02:00}
 * is open on Saturday at 01:00, {@code SUN 22:00-02:00} on Monday at 01:00); {@code 24:00} closes at the end of
 * the day. The local time is taken with {@code java.time}, so daylight-saving changes follow the zone's rules.
 * Immutable.
 */
record OpeningSchedule(ZoneId zone, int[] startMinutes, int[] endMinutes) {

    private static final int MINUTES_PER_DAY = 24 * 60;
    private static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

    /** One interval as the API describes it: a day and "HH:mm" times. */
    record Interval(DayOfWeek day, String open, String close) {
    }

    static OpeningSchedule of(ZoneId zone, List<Interval> intervals) {
        List<int[]> spans = new ArrayList<>();
        for (Interval interval : intervals) {
            int dayStart = (interval.day().getValue() - 1) * MINUTES_PER_DAY;
            int open = minutes(interval.open());
            int close = minutes(interval.close());
            int start = dayStart + open;
            int end = close > open ? dayStart + close : dayStart + MINUTES_PER_DAY + close;
            spans.add(new int[] {start, end});
        }
        int[] starts = new int[spans.size()];
        int[] ends = new int[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            starts[i] = spans.get(i)[0];
            ends[i] = spans.get(i)[1];
        }
        return new OpeningSchedule(zone, starts, ends);
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    /** Whether the business is open at {@code instant} (closing minute excluded). */
    boolean isOpenAt(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        int minute = (local.getDayOfWeek().getValue() - 1) * MINUTES_PER_DAY + local.getHour() * 60
                + local.getMinute();
        for (int i = 0; i < startMinutes.length; i++) {
            int start = startMinutes[i];
            int end = endMinutes[i];
            if ((minute >= start && minute < end) || (minute + MINUTES_PER_WEEK >= start
                    && minute + MINUTES_PER_WEEK < end)) {
                return true;
            }
        }
        return false;
    }
}
