package dev.proximity.bench;

import dev.proximity.demo.CityCatalog;

import java.util.Random;

/**
 * Seeded generator of benchmark businesses with the distribution of the reference {@code gen_businesses.py}
 * (same mixture and parameters, Java's {@link Random} instead of Python's, so not byte-identical):
 * <ul>
 *   <li>97 % around cities picked proportionally to population, offset by a dense Gaussian core plus an
 *       exponential suburban tail ({@link CityCatalog#offsetKm}); 1 % of these repeat the previous business's exact
 *       coordinates (distance ties);</li>
 *   <li>2 % uniform over the sphere;</li>
 *   <li>1 % edge cases split equally: north and south pole caps (5 % of those exactly at +-90 with assorted
 *       longitudes), the +-85.05112878 band, the antimeridian (5 % exactly +-180), null island, the equator and
 *       the prime meridian.</li>
 * </ul>
 * Coordinates are rounded to 6 decimals; ids are 1..n.
 */
public final class BusinessSetGenerator {

    static final double REDIS_LAT_LIMIT = 85.05112878;

    private BusinessSetGenerator() {
    }

    /** The businesses: parallel arrays, ids 1..n. */
    public record BusinessSet(long[] ids, double[] lat, double[] lng) {
        public int size() {
            return ids.length;
        }
    }

    public static BusinessSet generate(int n, long seed) {
        CityCatalog cities = CityCatalog.load();
        Random random = new Random(seed);
        long[] ids = new long[n];
        double[] lat = new double[n];
        double[] lng = new double[n];
        double[] prev = null;
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double[] p;
            if (u < 0.97) {
                if (prev != null && random.nextDouble() < 0.01) {
                    p = prev;
                } else {
                    CityCatalog.City c = cities.pick(random);
                    double km = CityCatalog.offsetKm(random, CityCatalog.scaleKm(c.population()));
                    p = CityCatalog.destination(c.latDegrees(), c.lngDegrees(), km * 1000.0, random.nextDouble() * 2 * Math.PI);
                }
                prev = p;
            } else if (u < 0.99) {
                p = BenchPoints.uniformSphere(random);
            } else {
                p = edgePoint(random, (int) (random.nextDouble() * 7));
            }
            ids[i] = i + 1;
            lat[i] = BenchPoints.sixDecimals(Math.max(-90.0, Math.min(90.0, p[0])));
            double lon = p[1] < -180.0 || p[1] > 180.0 ? CityCatalog.normalizeLng(p[1]) : p[1];
            lng[i] = BenchPoints.sixDecimals(lon);
        }
        return new BusinessSet(ids, lat, lng);
    }

    private static double[] edgePoint(Random random, int kind) {
        double u = random.nextDouble();
        switch (kind) {
            case 0, 1 -> { // north / south pole cap
                double sign = kind == 0 ? 1.0 : -1.0;
                if (u < 0.05) {
                    double[] lngs = {0.0, 45.0, -120.5, 180.0, -180.0};
                    return new double[] {sign * 90.0, lngs[random.nextInt(lngs.length)]};
                }
                double r = random.nextDouble();
                return new double[] {sign * (90.0 - r * r * 1.5), random.nextDouble() * 360.0 - 180.0};
            }
            case 2 -> { // around the Redis latitude limit
                double sign = u < 0.5 ? 1.0 : -1.0;
                return new double[] {sign * (REDIS_LAT_LIMIT + (random.nextDouble() - 0.5) * 0.04),
                        random.nextDouble() * 360.0 - 180.0};
            }
            case 3 -> { // antimeridian, with a Fiji belt
                double la = random.nextDouble() < 0.5 ? uniform(random, -60.0, 70.0) : uniform(random, -20.0, -14.0);
                if (u < 0.05) {
                    return new double[] {la, random.nextDouble() < 0.5 ? 180.0 : -180.0};
                }
                double r = random.nextDouble();
                double off = r * r * 0.5;
                return new double[] {la, random.nextDouble() < 0.5 ? 180.0 - off : -180.0 + off};
            }
            case 4 -> { // null island
                if (u < 0.1) {
                    return new double[] {0.0, 0.0};
                }
                return new double[] {(random.nextDouble() - 0.5) * 0.1, (random.nextDouble() - 0.5) * 0.1};
            }
            case 5 -> { // equator
                return new double[] {(random.nextDouble() - 0.5) * 0.02, random.nextDouble() * 360.0 - 180.0};
            }
            default -> { // prime meridian
                return new double[] {uniform(random, -60.0, 70.0), (random.nextDouble() - 0.5) * 0.02};
            }
        }
    }

    static double uniform(Random random, double a, double b) {
        return a + (b - a) * random.nextDouble();
    }
}
