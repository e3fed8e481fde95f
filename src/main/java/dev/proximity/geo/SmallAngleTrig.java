package dev.proximity.geo;

/**
 * {@code sin} and {@code asin} for the small angles of nearby search, bit for bit equal to {@link StrictMath}, in
 * plain Java.
 *
 * <p>Why: a query reports the exact distance of up to 50 neighbours, and {@link Haversine} evaluates two sines and
 * one arcsine per distance. On JDK 17 {@code Math.asin} is a native call (about 11 ns here, against 3 ns for the
 * polynomial below) and the {@code Math.sin} intrinsic about 8 ns (against 2 ns), which together were a fifth of a
 * median query. Within the ranges below these are fdlibm's own formulas, which {@code StrictMath} implements (JDK 21
 * moved the same code to Java for the same reason); outside them the methods call {@code StrictMath}.
 * {@code SmallAngleTrigTests} checks bit equality with {@code StrictMath} on millions of arguments. Stateless.
 *
 * <p>The coefficients and formulas are from fdlibm 5.3 ({@code k_sin.c}, {@code e_asin.c}):
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunSoft, a Sun Microsystems, Inc.
 * business. Permission to use, copy, modify, and distribute this software is freely granted, provided that this
 * notice is preserved.
 */
public final class SmallAngleTrig {

    /** Below this, {@code sin} uses fdlibm's kernel directly (no argument reduction is needed below pi/4). */
    static final double SIN_KERNEL_LIMIT = 0x1.921fb54442d18p-1; // pi/4 rounded down, as fdlibm's 0x3fe921fb

    private static final double TINY = 0x1p-27;

    private static final double S1 = Double.longBitsToDouble(0xBFC5555555555549L);
    private static final double S2 = Double.longBitsToDouble(0x3F8111111110F8A6L);
    private static final double S3 = Double.longBitsToDouble(0xBF2A01A019C161D5L);
    private static final double S4 = Double.longBitsToDouble(0x3EC71DE357B1FE7DL);
    private static final double S5 = Double.longBitsToDouble(0xBE5AE5E68A2B9CEBL);
    private static final double S6 = Double.longBitsToDouble(0x3DE5D93A5ACFD57CL);

    private static final double PS0 = Double.longBitsToDouble(0x3FC5555555555555L);
    private static final double PS1 = Double.longBitsToDouble(0xBFD4D61203EB6F7DL);
    private static final double PS2 = Double.longBitsToDouble(0x3FC9C1550E884455L);
    private static final double PS3 = Double.longBitsToDouble(0xBFA48228B5688F3BL);
    private static final double PS4 = Double.longBitsToDouble(0x3F49EFE07501B288L);
    private static final double PS5 = Double.longBitsToDouble(0x3F023DE10DFDF709L);
    private static final double QS1 = Double.longBitsToDouble(0xC0033A271C8A2D4BL);
    private static final double QS2 = Double.longBitsToDouble(0x40002AE59C598AC8L);
    private static final double QS3 = Double.longBitsToDouble(0xBFE6066C1B8D0159L);
    private static final double QS4 = Double.longBitsToDouble(0x3FB3B8C5B12E9282L);

    private SmallAngleTrig() {
    }

    /** {@code StrictMath.sin(x)}, computed in Java when {@code |x| < pi/4}. */
    public static double sin(double x) {
        double ax = Math.abs(x);
        if (!(ax < SIN_KERNEL_LIMIT)) { // also NaN
            return StrictMath.sin(x);
        }
        if (ax < TINY) {
            return x;
        }
        double z = x * x;
        double v = z * x;
        double r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
        return x + v * (S1 + z * r);
    }

    /** {@code StrictMath.asin(x)}, computed in Java when {@code 0 <= x < 0.5}. */
    public static double asin(double x) {
        if (!(x >= 0.0 && x < 0.5)) { // negative, large or NaN
            return StrictMath.asin(x);
        }
        if (x < TINY) {
            return x;
        }
        double t = x * x;
        double p = t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
        double q = 1.0 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
        return x + x * (p / q);
    }
}
