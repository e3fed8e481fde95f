package dev.proximity.demo;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import dev.proximity.business.BusinessRequest;
import dev.proximity.business.OpeningHours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class OpeningHoursModelTests {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final OpeningHoursModel MODEL = new OpeningHoursModel();

    @Test
    void knowsEveryDemoCategory() {
        assertThat(OpeningHoursModel.categories()).containsExactlyInAnyOrderElementsOf(CategoryMix.CATEGORIES);
    }

    @ParameterizedTest
    @EnumSource(Workweek.class)
    void everyScheduleIsAValidRequestWithNoEmptyInterval(Workweek week) {
        Random random = new Random(week.ordinal());
        for (String category : CategoryMix.CATEGORIES) {
            for (int i = 0; i < 300; i++) {
                List<OpeningHours> hours = MODEL.hours(category, week, random);
                BusinessRequest request = new BusinessRequest("Test", category, 0.0, 0.0, null, null, null, null,
                        null, null, null, "Asia/Seoul", hours);
                assertThat(VALIDATOR.validate(request)).as(category + " " + hours).isEmpty();
                assertThat(hours).as(category).allSatisfy(h -> assertThat(h.open()).isNotEqualTo(h.close()));
                assertThat(hours).as(category).hasSizeLessThanOrEqualTo(14); // at most two shifts a day
            }
        }
    }

    @Test
    void barsOpenInTheEveningAndCloseAfterMidnight() {
        Random random = new Random(1);
        int overnight = 0;
        for (int i = 0; i < 1000; i++) {
            for (OpeningHours h : MODEL.hours("bar", Workweek.MONDAY_TO_FRIDAY, random)) {
                assertThat(h.open()).isGreaterThanOrEqualTo("16:00");
                if (h.close().compareTo(h.open()) < 0) { // runs into the next day
                    overnight++;
                }
            }
        }
        assertThat(overnight).isGreaterThan(1000);
    }

    @Test
    void hotelsAreMostlyOpenAroundTheClock() {
        Random random = new Random(2);
        int aroundTheClock = 0;
        for (int i = 0; i < 1000; i++) {
            List<OpeningHours> hours = MODEL.hours("hotel", Workweek.MONDAY_TO_FRIDAY, random);
            if (hours.size() == 7
                    && hours.stream().allMatch(h -> h.open().equals("00:00") && h.close().equals("24:00"))) {
                aroundTheClock++;
            }
        }
        assertThat(aroundTheClock).isBetween(850, 970);
    }

    @Test
    void banksOpenOnlyOnOfficeDaysAndTheHalfDay() {
        Random random = new Random(3);
        for (Workweek week : Workweek.values()) {
            Set<DayOfWeek> allowed = week.officeDays();
            week.halfDay().ifPresent(allowed::add);
            for (int i = 0; i < 300; i++) {
                assertThat(MODEL.hours("bank", week, random)).extracting(OpeningHours::day).isSubsetOf(allowed)
                        .doesNotContain(week.restDay());
            }
        }
        // Cairo's banks work Sunday to Thursday
        assertThat(Workweek.forCountry("EG").officeDays()).containsExactlyInAnyOrder(DayOfWeek.SUNDAY,
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
        assertThat(Workweek.forCountry("IR").restDay()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(Workweek.forCountry("KR")).isEqualTo(Workweek.MONDAY_TO_FRIDAY);
    }

    @Test
    void restaurantsOftenCloseOneDayAndBreakBetweenLunchAndDinner() {
        Random random = new Random(4);
        int closedOneDay = 0;
        int splitShift = 0;
        for (int i = 0; i < 1000; i++) {
            List<OpeningHours> hours = MODEL.hours("restaurant", Workweek.MONDAY_TO_FRIDAY, random);
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            hours.forEach(h -> days.add(h.day()));
            if (days.size() == 6) {
                closedOneDay++;
            }
            if (hours.size() > days.size()) {
                splitShift++;
            }
        }
        assertThat(closedOneDay).isBetween(350, 650);
        assertThat(splitShift).isBetween(300, 500);
    }

    @Test
    void someBusinessesPublishNoHours() {
        Random random = new Random(5);
        int none = 0;
        int draws = 0;
        for (String category : CategoryMix.CATEGORIES) {
            for (int i = 0; i < 500; i++) {
                draws++;
                if (MODEL.hours(category, Workweek.MONDAY_TO_FRIDAY, random).isEmpty()) {
                    none++;
                }
            }
        }
        assertThat(none).isBetween(draws / 20, draws / 5);
        assertThat(MODEL.hours("unknown", Workweek.MONDAY_TO_FRIDAY, random)).isEmpty();
    }
}
