package dev.proximity.bench;

import dev.proximity.demo.CityCatalog;

import java.util.Random;

/**
 * Seeded generator of benchmark queries with the distribution of the reference {@code gen_queries.py}:
 * 90 % near population-weighted cities (offset like a business with half the city scale), 10 % edge cases
 * (pole, pole-containing circles incl. exactly +-90, the +-85.05112878 band, the antimeridian incl. exactly +-180,
 * null island, equator / prime meridian, empty ocean); radii 100, 500, 1000, 2000, 5000, 20000, 50000 m with
 * weights 0.10, 0.15, 0.20, 0.20, 0.15, 0.10, 0.10.
 */
public final class QuerySetGenerator {

    static final double[] RADII_METERS = {100, 500, 1000, 2000, 5000, 20000, 50000};
    static final double[] RADII_WEIGHTS = {0.10, 0.15, 0.20, 0.20, 0.15, 0.10, 0.10};
    static final String[] EDGE_KINDS = {"pole_n", "pole_s", "pole_cross", "redis_limit", "antimeridian",
            "antimeridian_exact", "null_island", "equator_pm", "ocean"};

    private QuerySetGenerator() {
    }

    /** The queries: parallel arrays. */
    public record QuerySet(double[] lat, double[] lng, double[] radiusMeters, String[] kind) {
        public int size() {
            return lat.length;
        }
    }

    public static QuerySet generate(int m, long seed) {
        CityCatalog cities = CityCatalog.load();
        Random random = new Random(seed);
        double[] lat = new double[m];
        double[] lng = new double[m];
        double[] radius = new double[m];
        String[] kind = new String[m];
        for (int q = 0; q < m; q++) {
            radius[q] = RADII_METERS[pickRadius(random)];
            double[] p;
            if (random.nextDouble() < 0.90) {
                CityCatalog.City c = cities.pick(random);
                double km = CityCatalog.offsetKm(random, 0.5 * CityCatalog.scaleKm(c.population()));
                p = CityCatalog.destination(c.latDegrees(), c.lngDegrees(), km * 1000.0, random.nextDouble() * 2 * Math.PI);
                kind[q] = "city";
            } else {
                kind[q] = EDGE_KINDS[(int) (random.nextDouble() * EDGE_KINDS.length)];
                p = edgeQuery(random, kind[q]);
            }
            lat[q] = BenchPoints.sixDecimals(Math.max(-90.0, Math.min(90.0, p[0])));
            lng[q] = BenchPoints.sixDecimals(p[1]);
        }
        return new QuerySet(lat, lng, radius, kind);
    }

    private static int pickRadius(Random random) {
        double target = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < RADII_WEIGHTS.length; i++) {
            sum += RADII_WEIGHTS[i];
            if (target < sum) {
                return i;
            }
        }
        return RADII_WEIGHTS.length - 1;
    }

    private static double[] edgeQuery(Random random, String kind) {
        switch (kind) {
            case "pole_n", "pole_s" -> {
                double r = random.nextDouble();
                double la = 90.0 - r * r * 1.5;
                return new double[] {kind.equals("pole_n") ? la : -la, random.nextDouble() * 360 - 180};
            }
            case "pole_cross" -> {
                double s = random.nextDouble() < 0.5 ? 1.0 : -1.0;
                if (random.nextDouble() < 0.3) {
                    double[] lngs = {0.0, 90.0, -180.0, 180.0};
                    return new double[] {s * 90.0, lngs[random.nextInt(lngs.length)]};
                }
                return new double[] {s * (90.0 - random.nextDouble() * 0.3), random.nextDouble() * 360 - 180};
            }
            case "redis_limit" -> {
                double s = random.nextDouble() < 0.5 ? 1.0 : -1.0;
                return new double[] {s * (BusinessSetGenerator.REDIS_LAT_LIMIT + (random.nextDouble() - 0.5) * 0.1),
                        random.nextDouble() * 360 - 180};
            }
            case "antimeridian", "antimeridian_exact" -> {
                double la = random.nextDouble() < 0.5 ? BusinessSetGenerator.uniform(random, -60.0, 70.0)
                        : BusinessSetGenerator.uniform(random, -20.0, -14.0);
                if (kind.equals("antimeridian_exact")) {
                    return new double[] {la, random.nextDouble() < 0.5 ? 180.0 : -180.0};
                }
                double r = random.nextDouble();
                double off = r * r * 0.3;
                return new double[] {la, random.nextDouble() < 0.5 ? 180.0 - off : -180.0 + off};
            }
            case "null_island" -> {
                if (random.nextDouble() < 0.3) {
                    return new double[] {0.0, 0.0};
                }
                return new double[] {(random.nextDouble() - 0.5) * 0.1, (random.nextDouble() - 0.5) * 0.1};
            }
            case "equator_pm" -> {
                if (random.nextDouble() < 0.5) {
                    return new double[] {(random.nextDouble() - 0.5) * 0.02, random.nextDouble() * 360 - 180};
                }
                return new double[] {BusinessSetGenerator.uniform(random, -60.0, 70.0),
                        (random.nextDouble() - 0.5) * 0.02};
            }
            default -> { // ocean: South Pacific or South Atlantic, expect empty results
                return random.nextDouble() < 0.5
                        ? new double[] {BusinessSetGenerator.uniform(random, -50.0, -35.0),
                                BusinessSetGenerator.uniform(random, -140.0, -100.0)}
                        : new double[] {BusinessSetGenerator.uniform(random, -45.0, -30.0),
                                BusinessSetGenerator.uniform(random, -30.0, -15.0)};
            }
        }
    }
}
