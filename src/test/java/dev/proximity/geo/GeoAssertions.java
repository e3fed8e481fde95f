package dev.proximity.geo;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

/** Assertions shared by the geo tests, so tolerances are named once instead of scattered as ad-hoc epsilons. */
public final class GeoAssertions {

    /** Tolerance for distances that should agree up to floating-point rounding: one micrometre. */
    public static final double ROUNDING_METERS = 1e-6;

    /** Tolerance for coordinates that should agree up to rounding: 1e-12 degrees (about 0.1 micrometre). */
    public static final double ROUNDING_DEGREES = 1e-12;

    private GeoAssertions() {
    }

    /** Fails unless {@code actual} is within {@code toleranceMeters} of {@code expected}. */
    public static void assertMetersNear(double expected, double actual, double toleranceMeters) {
        if (!(Math.abs(expected - actual) <= toleranceMeters)) {
            fail("expected " + expected + " m but was " + actual + " m (tolerance " + toleranceMeters + " m)");
        }
    }

    /** Fails unless {@code actual} is within {@link #ROUNDING_DEGREES} of {@code expected}. */
    public static void assertDegreesNear(double expected, double actual) {
        if (!(Math.abs(expected - actual) <= ROUNDING_DEGREES)) {
            fail("expected " + expected + " degrees but was " + actual);
        }
    }

    /**
     * Fails unless every id of {@code expected} is among {@code candidates}, naming the first missed id.
     *
     * @param context a description of the query, printed on failure
     */
    public static void assertContainsAll(long[] candidates, long[] expected, String context) {
        long[] sorted = candidates.clone();
        Arrays.sort(sorted);
        for (long id : expected) {
            if (Arrays.binarySearch(sorted, id) < 0) {
                fail("missed point " + id + " for " + context + " (" + candidates.length + " candidates)");
            }
        }
    }

    /** Fails unless {@code candidates} has no id twice. */
    public static void assertDistinct(long[] candidates, String context) {
        long[] sorted = candidates.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                fail("candidate " + sorted[i] + " offered twice for " + context);
            }
        }
    }
}
