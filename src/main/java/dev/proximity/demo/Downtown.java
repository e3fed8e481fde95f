package dev.proximity.demo;

/**
 * How a dense city neighbourhood thins out from its centre: the number of businesses per square kilometre falls
 * as {@code exp(-r / 0.9 km)} out to 6 km, so the first 500 m are about six times as dense as the ring at 2 km,
 * as in a real downtown, rather than a uniform disc. About 11 % of the businesses lie within 500 m, 66 % within
 * 2 km and all within 6 km.
 *
 * <p>Placing the i-th of n businesses at {@code distanceKm((i + u) / n)} with a random {@code u} in [0, 1)
 * (stratified sampling) fixes how many lie within any radius to within one, whatever the seed, while the
 * bearings and the exact distances stay random.
 */
final class Downtown {

    static final double SCALE_KM = 0.9;
    static final double MAX_KM = 6.0;

    private Downtown() {
    }

    /** The share of the neighbourhood within {@code km} of its centre (0 to 1). */
    static double shareWithin(double km) {
        return unnormalised(Math.min(Math.max(km, 0), MAX_KM)) / unnormalised(MAX_KM);
    }

    /** The distance within which this share (0 to 1) of the neighbourhood lies: the inverse of {@link #shareWithin}. */
    static double distanceKm(double share) {
        double lo = 0;
        double hi = MAX_KM;
        for (int i = 0; i < 40; i++) { // bisection to well under a millimetre
            double mid = 0.5 * (lo + hi);
            if (shareWithin(mid) < share) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The integral of 2 pi r exp(-r/s) dr from 0 to km, up to a constant factor. */
    private static double unnormalised(double km) {
        double x = km / SCALE_KM;
        return 1 - (1 + x) * Math.exp(-x);
    }
}
