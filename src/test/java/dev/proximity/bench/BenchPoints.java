package dev.proximity.bench;

/**
 * Helpers of the benchmark generators beyond the shared city model ({@link dev.proximity.demo.CityCatalog}):
 * uniform points on the sphere and the 6-decimal rounding of the reference CSV files.
 */
final class BenchPoints {

    private BenchPoints() {
    }

    static double[] uniformSphere(java.util.Random random) {
        return new double[] {Math.toDegrees(Math.asin(2.0 * random.nextDouble() - 1.0)),
                random.nextDouble() * 360.0 - 180.0};
    }

    /** Rounds to 6 decimals (about 0.1 m), as the reference CSV files are written; -0 becomes 0. */
    static double sixDecimals(double value) {
        double rounded = Math.round(value * 1e6) / 1e6;
        return rounded == 0.0 ? 0.0 : rounded;
    }
}
