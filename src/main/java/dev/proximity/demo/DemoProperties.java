package dev.proximity.demo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo data: a dense neighbourhood around each of the most populous bundled cities and around the map's
 * default centre, plus a long tail over all bundled cities. With the defaults that is 50 (or 51) neighbourhoods
 * of 500 and a tail of 20,000, about 45,000 businesses.
 *
 * @param enabled       seed demo businesses into an empty database in the embedded run mode
 * @param businesses    how many businesses the long tail has, spread over all bundled cities by population (the
 *                      neighbourhoods come on top of these)
 * @param largestCities how many of the most populous bundled cities get a dense neighbourhood
 * @param neighbourhood how many businesses each neighbourhood has; two thirds of them lie within 2 km of its
 *                      centre, so 500 puts more than 300 within 2 km of every neighbourhood's centre
 * @param seed          random seed: the same seed (and settings) gives the same businesses
 */
@ConfigurationProperties("proximity.demo")
@Validated
public record DemoProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20000") @Min(0) @Max(1_000_000) int businesses,
        @DefaultValue("50") @Min(0) @Max(1000) int largestCities,
        @DefaultValue("500") @Min(0) @Max(10_000) int neighbourhood,
        @DefaultValue("42") long seed) {
}
