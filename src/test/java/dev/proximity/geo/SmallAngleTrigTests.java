package dev.proximity.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link SmallAngleTrig} must return exactly {@link StrictMath}'s bits, inside its fast ranges and outside. */
class SmallAngleTrigTests {

    private static final int RANDOM_ARGUMENTS = 2_000_000;

    @Test
    void sinEqualsStrictMathBitForBit() {
        Random random = new Random(11);
        assertSameBits(StrictMath::sin, SmallAngleTrig::sin, i -> switch (i % 5) {
            case 0 -> (random.nextDouble() * 2 - 1) * SmallAngleTrig.SIN_KERNEL_LIMIT; // the whole fast range
            case 1 -> (random.nextDouble() * 2 - 1) * 0.005; // half-deltas of a 50 km search
            case 2 -> (random.nextDouble() * 2 - 1) * 1e-7; // half-deltas of a 1 m search
            case 3 -> Math.scalb(random.nextDouble() + 1, -27 - random.nextInt(3)) * (random.nextBoolean() ? 1 : -1);
            default -> (random.nextDouble() * 2 - 1) * Math.PI; // beyond pi/4: delegated
        });
        for (double x : edges(SmallAngleTrig.SIN_KERNEL_LIMIT)) {
            assertThat(bits(SmallAngleTrig.sin(x))).as("sin(%s)", x).isEqualTo(bits(StrictMath.sin(x)));
        }
    }

    @Test
    void asinEqualsStrictMathBitForBit() {
        Random random = new Random(12);
        assertSameBits(StrictMath::asin, SmallAngleTrig::asin, i -> switch (i % 5) {
            case 0 -> random.nextDouble() * 0.5; // the whole fast range
            case 1 -> Math.sqrt(random.nextDouble() * 4e-5); // sqrt(haversine) up to 50 km
            case 2 -> Math.sqrt(random.nextDouble() * 1e-13); // sqrt(haversine) around 1 m
            case 3 -> Math.scalb(random.nextDouble() + 1, -27 - random.nextInt(3));
            default -> random.nextDouble() * 2 - 1; // negative or above 0.5: delegated
        });
        for (double x : edges(0.5)) {
            assertThat(bits(SmallAngleTrig.asin(x))).as("asin(%s)", x).isEqualTo(bits(StrictMath.asin(x)));
        }
    }

    private static void assertSameBits(DoubleUnaryOperator expected, DoubleUnaryOperator actual,
            java.util.function.IntToDoubleFunction argument) {
        int mismatches = 0;
        double firstMismatch = Double.NaN;
        for (int i = 0; i < RANDOM_ARGUMENTS; i++) {
            double x = argument.applyAsDouble(i);
            if (bits(actual.applyAsDouble(x)) != bits(expected.applyAsDouble(x))) {
                if (mismatches++ == 0) {
                    firstMismatch = x;
                }
            }
        }
        assertThat(mismatches).as("mismatches, the first at %s", firstMismatch).isZero();
    }

    /** Zeros, infinities, NaN, subnormals, 1, the tiny cut-off and both sides of the fast range's limit. */
    private static double[] edges(double limit) {
        return new double[] {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-27,
            Math.nextDown(0x1p-27), Math.nextUp(0x1p-27), limit, Math.nextDown(limit), Math.nextUp(limit), -limit,
            Math.nextUp(-limit), 1.0, -1.0, Math.nextUp(1.0), Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MAX_VALUE};
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }
}
