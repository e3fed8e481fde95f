package dev.proximity.business;

import java.time.DayOfWeek;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One opening interval in the business's own time zone. {@code close} before {@code open} means the
 * interval runs past midnight into the next day; {@code 24:00} closes at the end of the day.
 */
public record OpeningHours(
        @NotNull DayOfWeek day,
        @NotNull @Pattern(regexp = "^([01]\\d|2[0-3]):[0-5]\\d$", message = "must be a time HH:mm from 00:00 to 23:59")
        String open,
        @NotNull @Pattern(regexp = "^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$",
                message = "must be a time HH:mm from 00:00 to 24:00")
        String close) {
}
