package dev.proximity.search;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpeningScheduleTests {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private static Instant seoul(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SEOUL).toInstant();
    }

    @Test
    void overnightIntervalCountsOnTheNextMorning() {
        // 2024-06-07 is a Friday
        OpeningSchedule bar = OpeningSchedule.of(SEOUL,
                List.of(new OpeningSchedule.Interval(DayOfWeek.FRIDAY, "18:00", "02:00")));
        assertThat(bar.isOpenAt(seoul("2024-06-07T17:59"))).isFalse();
        assertThat(bar.isOpenAt(seoul("2024-06-07T18:00"))).isTrue();
        assertThat(bar.isOpenAt(seoul("2024-06-08T01:00"))).isTrue();
        assertThat(bar.isOpenAt(seoul("2024-06-08T02:00"))).isFalse();
        assertThat(bar.isOpenAt(seoul("2024-06-09T01:00"))).isFalse();
    }

    @Test
    void sundayNightRunsIntoMonday() {
        OpeningSchedule club = OpeningSchedule.of(SEOUL,
                List.of(new OpeningSchedule.Interval(DayOfWeek.SUNDAY, "22:00", "03:00")));
        assertThat(club.isOpenAt(seoul("2024-06-10T02:59"))).isTrue(); // Monday
        assertThat(club.isOpenAt(seoul("2024-06-10T03:00"))).isFalse();
        assertThat(club.isOpenAt(seoul("2024-06-09T21:59"))).isFalse();
    }

    @Test
    void closingAt2400IsTheEndOfTheDay() {
        OpeningSchedule shop = OpeningSchedule.of(SEOUL,
                List.of(new OpeningSchedule.Interval(DayOfWeek.MONDAY, "00:00", "24:00")));
        assertThat(shop.isOpenAt(seoul("2024-06-10T00:00"))).isTrue();
        assertThat(shop.isOpenAt(seoul("2024-06-10T23:59"))).isTrue();
        assertThat(shop.isOpenAt(seoul("2024-06-11T00:00"))).isFalse();
    }

    @Test
    void evaluatesInTheBusinessZone() {
        OpeningSchedule newYork = OpeningSchedule.of(ZoneId.of("America/New_York"),
                List.of(new OpeningSchedule.Interval(DayOfWeek.MONDAY, "09:00", "17:00")));
        // Monday 10:00 in New York (EDT) is Monday 23:00 in Seoul
        assertThat(newYork.isOpenAt(seoul("2024-06-10T23:00"))).isTrue();
        assertThat(newYork.isOpenAt(seoul("2024-06-10T10:00"))).isFalse();
    }
}
