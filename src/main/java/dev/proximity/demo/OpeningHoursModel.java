package dev.proximity.demo;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.proximity.business.OpeningHours;

import static dev.proximity.demo.WeekShapes.allBut;
import static dev.proximity.demo.WeekShapes.aroundTheClock;
import static dev.proximity.demo.WeekShapes.closedOn;
import static dev.proximity.demo.WeekShapes.daily;
import static dev.proximity.demo.WeekShapes.of;
import static dev.proximity.demo.WeekShapes.office;
import static dev.proximity.demo.WeekShapes.on;
import static dev.proximity.demo.WeekShapes.pick;
import static dev.proximity.demo.WeekShapes.weekdaysAndWeekend;
import static dev.proximity.demo.WeekShapes.withLunchBreak;

/**
 * Weekly opening hours as a category keeps them, in the local time of the business: cafés from early morning to
 * the evening, restaurants at lunch and dinner with a closed day, bars from the evening to past midnight (an
 * interval whose close is before its open, {@code 18:00-02:00}, runs into the next day), banks and doctors on
 * office days, hotels and some pharmacies, shops and gyms around the clock ({@code 00:00-24:00}). Every
 * category has a share without published hours. Each category draws one of its weighted shapes, then the
 * shape draws its times, so a street does not open all at the same minute. Stateless; the randomness comes
 * from the caller.
 */
final class OpeningHoursModel {

    private interface Shape {
        List<OpeningHours> draw(Workweek week, Random random);
    }

    private record Weighted(int weight, Shape shape) {
    }

    private static final Shape NONE = (week, random) -> List.of();
    private static final Shape AROUND_THE_CLOCK = (week, random) -> aroundTheClock();
    private static final Map<String, List<Weighted>> SHAPES = Map.ofEntries(
            Map.entry("restaurant", List.of(
                    w(40, WeekShapes::lunchAndDinner),
                    w(30, (week, r) -> daily(r, of("10:30", "11:00", "11:30"), of("21:00", "22:00", "23:00"))),
                    w(10, (week, r) -> on(closedOn(r, week), pick(r, "11:00", "11:30"), pick(r, "21:30", "22:00"))),
                    w(8, (week, r) -> daily(r, of("17:00", "18:00"), of("01:00", "02:00"))),
                    w(4, AROUND_THE_CLOCK),
                    w(8, NONE))),
            Map.entry("cafe", List.of(
                    w(55, (week, r) -> daily(r, of("07:00", "07:30", "08:00"),
                            of("19:00", "20:00", "21:00", "22:00"))),
                    w(20, (week, r) -> weekdaysAndWeekend(week, pick(r, "07:00", "07:30"), "19:00", "09:00", "18:00")),
                    w(10, (week, r) -> on(allBut(DayOfWeek.MONDAY), "10:00", pick(r, "21:00", "22:00"))),
                    w(8, (week, r) -> daily(r, of("10:00", "11:00"), of("24:00", "01:00"))),
                    w(7, NONE))),
            Map.entry("bar", List.of(
                    w(40, WeekShapes::lateOnWeekends),
                    w(30, (week, r) -> daily(r, of("16:00", "17:00"), of("23:00", "24:00"))),
                    w(15, (week, r) -> daily(r, of("20:00", "21:00"), of("04:00", "05:00"))),
                    w(15, NONE))),
            Map.entry("grocery", List.of(
                    w(45, (week, r) -> daily(r, of("07:00", "08:00", "09:00"), of("21:00", "22:00", "23:00"))),
                    w(25, AROUND_THE_CLOCK),
                    w(20, (week, r) -> on(allBut(week.restDay()), pick(r, "08:00", "09:00"),
                            pick(r, "19:00", "20:00"))),
                    w(10, NONE))),
            Map.entry("bakery", List.of(
                    w(50, (week, r) -> on(closedOn(r, week), pick(r, "06:30", "07:00"), pick(r, "19:00", "20:00"))),
                    w(30, (week, r) -> daily(r, of("07:00", "08:00"), of("20:00", "21:00", "22:00"))),
                    w(10, (week, r) -> weekdaysAndWeekend(week, "06:00", "19:00", "07:00", "13:00")),
                    w(10, NONE))),
            Map.entry("pharmacy", List.of(
                    w(45, (week, r) -> office(week, pick(r, "08:30", "09:00"), pick(r, "19:00", "20:00"), "09:00",
                            "18:00")),
                    w(25, (week, r) -> daily(r, of("09:00"), of("21:00", "22:00", "23:00"))),
                    w(12, AROUND_THE_CLOCK),
                    w(10, (week, r) -> withLunchBreak(week, "09:00", "19:00", "09:00", "12:30")),
                    w(8, NONE))),
            Map.entry("hotel", List.of(w(92, AROUND_THE_CLOCK), w(8, NONE))),
            Map.entry("hair_salon", List.of(
                    w(50, (week, r) -> on(closedOn(r, week), pick(r, "09:30", "10:00"), pick(r, "19:00", "20:00"))),
                    w(30, (week, r) -> daily(r, of("10:00", "11:00"), of("20:00", "21:00"))),
                    w(10, (week, r) -> office(week, "09:00", "19:00", "09:00", "17:00")),
                    w(10, NONE))),
            Map.entry("clothing", List.of(
                    w(55, (week, r) -> daily(r, of("10:00", "10:30", "11:00"), of("20:00", "21:00", "22:00"))),
                    w(30, (week, r) -> weekdaysAndWeekend(week, "10:00", "20:00", "11:00", "18:00")),
                    w(15, NONE))),
            Map.entry("bank", List.of(
                    w(70, (week, r) -> on(week.officeDays(), pick(r, "08:30", "09:00", "09:30"),
                            pick(r, "15:30", "16:00", "16:30"))),
                    w(20, (week, r) -> office(week, "09:00", "16:00", "09:00", pick(r, "12:00", "13:00"))),
                    w(10, NONE))),
            Map.entry("gas_station", List.of(
                    w(55, AROUND_THE_CLOCK),
                    w(35, (week, r) -> daily(r, of("06:00", "07:00"), of("22:00", "23:00"))),
                    w(10, NONE))),
            Map.entry("gym", List.of(
                    w(55, (week, r) -> weekdaysAndWeekend(week, "06:00", "23:00", "08:00", "20:00")),
                    w(25, AROUND_THE_CLOCK),
                    w(10, (week, r) -> daily(r, of("07:00"), of("22:00"))),
                    w(10, NONE))),
            Map.entry("dentist", List.of(
                    w(45, (week, r) -> on(week.officeDays(), pick(r, "09:00", "09:30"), pick(r, "18:00", "18:30"))),
                    w(25, (week, r) -> withLunchBreak(week, "09:00", "18:00", "09:00", "13:00")),
                    w(15, (week, r) -> office(week, "09:00", "18:00", "09:00", "13:00")),
                    w(15, NONE))),
            Map.entry("doctor", List.of(
                    w(45, (week, r) -> office(week, pick(r, "08:30", "09:00"), pick(r, "17:00", "18:00"), "09:00",
                            "12:00")),
                    w(30, (week, r) -> withLunchBreak(week, "08:30", "18:00", "09:00", "12:00")),
                    w(25, NONE))),
            Map.entry("car_repair", List.of(
                    w(60, (week, r) -> office(week, "08:00", pick(r, "17:30", "18:00"), "08:00", "13:00")),
                    w(25, (week, r) -> on(week.officeDays(), "08:00", "17:30")),
                    w(15, NONE))),
            Map.entry("hardware", List.of(
                    w(55, (week, r) -> on(allBut(week.restDay()), pick(r, "07:30", "08:00"),
                            pick(r, "19:00", "20:00"))),
                    w(30, (week, r) -> office(week, "08:00", "18:00", "08:00", "14:00")),
                    w(15, NONE))),
            Map.entry("bookstore", List.of(
                    w(60, (week, r) -> daily(r, of("10:00"), of("21:00", "22:00"))),
                    w(25, (week, r) -> on(allBut(week.restDay()), "09:30", "19:30")),
                    w(15, NONE))),
            Map.entry("electronics", List.of(
                    w(65, (week, r) -> daily(r, of("10:00", "10:30"), of("21:00", "22:00"))),
                    w(20, (week, r) -> on(allBut(week.restDay()), "10:00", "20:00")),
                    w(15, NONE))),
            Map.entry("florist", List.of(
                    w(50, (week, r) -> weekdaysAndWeekend(week, "09:00", "19:00", "09:00", "13:00")),
                    w(35, (week, r) -> on(allBut(week.restDay()), pick(r, "08:00", "09:00"), "20:00")),
                    w(15, NONE))),
            Map.entry("laundry", List.of(
                    w(40, (week, r) -> daily(r, of("07:00", "08:00"), of("22:00", "23:00"))),
                    w(30, AROUND_THE_CLOCK),
                    w(20, (week, r) -> office(week, "08:00", "19:00", "09:00", "17:00")),
                    w(10, NONE))));

    /** The categories this model knows. */
    static Set<String> categories() {
        return SHAPES.keySet();
    }

    /** Opening hours for a business of this category (empty: no published hours); unknown categories have none. */
    List<OpeningHours> hours(String category, Workweek week, Random random) {
        List<Weighted> shapes = SHAPES.getOrDefault(category, List.of(w(1, NONE)));
        int target = random.nextInt(shapes.stream().mapToInt(Weighted::weight).sum());
        for (Weighted shape : shapes) {
            target -= shape.weight();
            if (target < 0) {
                return shape.shape().draw(week, random);
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    private static Weighted w(int weight, Shape shape) {
        return new Weighted(weight, shape);
    }
}
