package dev.proximity.demo;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.proximity.business.OpeningHours;

/**
 * The shapes of a week's opening hours that {@link OpeningHoursModel} combines per category: every day alike,
 * office days with or without a lunch break, working days and weekend apart, lunch and dinner, late nights.
 * Days follow the place's {@link Workweek}; intervals come Monday first, as people read a week.
 */
final class WeekShapes {

    private WeekShapes() {
    }

    /** Every day from 00:00 to 24:00. */
    static List<OpeningHours> aroundTheClock() {
        return on(EnumSet.allOf(DayOfWeek.class), "00:00", "24:00");
    }

    /** Lunch and dinner, closed one day a week. */
    static List<OpeningHours> lunchAndDinner(Workweek week, Random random) {
        Set<DayOfWeek> days = closedOn(random, week);
        List<OpeningHours> hours = new ArrayList<>(on(days, pick(random, "11:30", "12:00"),
                pick(random, "14:30", "15:00")));
        hours.addAll(on(days, pick(random, "17:30", "18:00"), pick(random, "22:00", "22:30", "23:00")));
        return hours;
    }

    /** Evenings to past midnight, an hour later on the nights before the weekend; closed on the first office day. */
    static List<OpeningHours> lateOnWeekends(Workweek week, Random random) {
        String open = pick(random, "17:00", "18:00", "19:00");
        String close = pick(random, "01:00", "02:00");
        String lateClose = close.equals("01:00") ? "02:00" : "03:00";
        Set<DayOfWeek> weekend = EnumSet.complementOf(EnumSet.copyOf(week.officeDays()));
        List<OpeningHours> hours = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != week.firstOfficeDay()) {
                hours.add(new OpeningHours(day, open, weekend.contains(day.plus(1)) ? lateClose : close));
            }
        }
        return hours;
    }

    /** Office days, plus the morning of the half day where there is one. */
    static List<OpeningHours> office(Workweek week, String open, String close, String halfOpen,
            String halfClose) {
        List<OpeningHours> hours = new ArrayList<>(on(week.officeDays(), open, close));
        week.halfDay().ifPresent(day -> hours.add(new OpeningHours(day, halfOpen, halfClose)));
        return hours;
    }

    /** Office days with a lunch break (13:00 to 14:00), plus the morning of the half day. */
    static List<OpeningHours> withLunchBreak(Workweek week, String open, String close, String halfOpen,
            String halfClose) {
        List<OpeningHours> hours = new ArrayList<>(on(week.officeDays(), open, "13:00"));
        hours.addAll(on(week.officeDays(), "14:00", close));
        week.halfDay().ifPresent(day -> hours.add(new OpeningHours(day, halfOpen, halfClose)));
        return hours;
    }

    /** Working days (office and half days) at one time, the days of the weekend at another. */
    static List<OpeningHours> weekdaysAndWeekend(Workweek week, String open, String close,
            String weekendOpen, String weekendClose) {
        Set<DayOfWeek> working = week.officeDays();
        week.halfDay().ifPresent(working::add);
        List<OpeningHours> hours = new ArrayList<>(on(working, open, close));
        hours.addAll(on(EnumSet.complementOf(EnumSet.copyOf(working)), weekendOpen, weekendClose));
        return hours;
    }

    /** Every day, at one of these opening and one of these closing times. */
    static List<OpeningHours> daily(Random random, String[] opens, String[] closes) {
        return on(EnumSet.allOf(DayOfWeek.class), opens[random.nextInt(opens.length)],
                closes[random.nextInt(closes.length)]);
    }

    /** The same interval on each of these days. */
    static List<OpeningHours> on(Set<DayOfWeek> days, String open, String close) {
        List<OpeningHours> hours = new ArrayList<>(days.size());
        for (DayOfWeek day : DayOfWeek.values()) { // Monday first, as people read a week
            if (days.contains(day)) {
                hours.add(new OpeningHours(day, open, close));
            }
        }
        return hours;
    }

    /** Every day but one: the rest day, or Monday or Tuesday as many restaurants and bakeries choose. */
    static Set<DayOfWeek> closedOn(Random random, Workweek week) {
        return allBut(pick(random, week.restDay(), DayOfWeek.MONDAY, DayOfWeek.TUESDAY));
    }

    /** Every day except {@code closed}. */
    static Set<DayOfWeek> allBut(DayOfWeek closed) {
        Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
        days.remove(closed);
        return days;
    }

    /** Times to choose from, for {@link #daily}. */
    static String[] of(String... times) {
        return times;
    }

    /** One of the choices, each as likely. */
    @SafeVarargs
    static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
