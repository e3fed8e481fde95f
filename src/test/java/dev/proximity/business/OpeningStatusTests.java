package dev.proximity.business;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpeningStatusTests {

    // 2026-11-20 is a Friday; 09:30 UTC is 18:30 in Seoul (UTC+9, no daylight saving)
    private static final Instant FRIDAY_0930_UTC = Instant.parse("2026-11-20T09:30:00Z");

    @Test
    void readsTheHoursInTheBusinessesOwnZone() {
        List<OpeningHours> hours = List.of(new OpeningHours(DayOfWeek.FRIDAY, "09:00", "18:00"));
        OpeningStatus seoul = OpeningStatus.of(hours, "Asia/Seoul", FRIDAY_0930_UTC);
        assertThat(seoul.known()).isTrue();
        assertThat(seoul.open()).isFalse(); // 18:30 there
        assertThat(seoul.localTime()).isEqualTo("18:30");
        assertThat(OpeningStatus.of(hours, "Europe/London", FRIDAY_0930_UTC).open()).isTrue(); // 09:30 there
    }

    @Test
    void anIntervalClosingBeforeItOpensRunsPastMidnightAndSundayNightIntoMonday() {
        List<OpeningHours> late = List.of(new OpeningHours(DayOfWeek.SUNDAY, "18:00", "02:00"));
        // Monday 01:30 in UTC
        assertThat(OpeningStatus.of(late, "UTC", Instant.parse("2026-11-23T01:30:00Z")).open()).isTrue();
        assertThat(OpeningStatus.of(late, "UTC", Instant.parse("2026-11-23T02:00:00Z")).open()).isFalse();
        List<OpeningHours> allDay = List.of(new OpeningHours(DayOfWeek.FRIDAY, "00:00", "24:00"));
        assertThat(OpeningStatus.of(allDay, "UTC", Instant.parse("2026-11-20T23:59:00Z")).open()).isTrue();
        assertThat(OpeningStatus.of(allDay, "UTC", Instant.parse("2026-11-21T00:00:00Z")).open()).isFalse();
    }

    @Test
    void withoutZoneOrHoursNobodyCanSayAndTheWeekReadsClosed() {
        List<OpeningHours> hours = List.of(new OpeningHours(DayOfWeek.MONDAY, "13:00", "17:00"),
                new OpeningHours(DayOfWeek.MONDAY, "08:00", "12:00"));
        OpeningStatus noZone = OpeningStatus.of(hours, null, FRIDAY_0930_UTC);
        assertThat(noZone.known()).isFalse();
        assertThat(noZone.open()).isFalse();
        assertThat(noZone.week().get(DayOfWeek.MONDAY)).isEqualTo("08:00–12:00, 13:00–17:00");
        assertThat(noZone.week().get(DayOfWeek.TUESDAY)).isEqualTo("Closed");
        assertThat(OpeningStatus.of(List.of(), "UTC", FRIDAY_0930_UTC).known()).isFalse();
    }
}
