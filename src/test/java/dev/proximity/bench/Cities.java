package dev.proximity.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The bundled city table ({@code /cities/cities.csv.gz}: {@code name,country,lat,lon,population}, GeoNames,
 * CC BY 4.0) and the population-weighted picker and city-size model shared by the two generators.
 */
final class Cities {

    final double[] lat;
    final double[] lng;
    final int[] population;
    private final double[] cumulativeWeight;

    private Cities(double[] lat, double[] lng, int[] population) {
        this.lat = lat;
        this.lng = lng;
        this.population = population;
        this.cumulativeWeight = new double[population.length];
        double sum = 0;
        for (int i = 0; i < population.length; i++) {
            sum += Math.max(population[i], 1000); // the list starts at 1,000 inhabitants; a few say 0
            cumulativeWeight[i] = sum;
        }
    }

    static Cities load() {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = Cities.class.getResourceAsStream("/cities/cities.csv.gz")) {
            if (in == null) {
                throw new IllegalStateException("cities/cities.csv.gz is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                    StandardCharsets.UTF_8));
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                // names may be quoted and contain commas; the last three fields never do
                String[] f = line.split(",");
                int n = f.length;
                rows.add(new double[] {Double.parseDouble(f[n - 3]), Double.parseDouble(f[n - 2]),
                        Double.parseDouble(f[n - 1])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] lat = new double[rows.size()];
        double[] lng = new double[rows.size()];
        int[] population = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            lat[i] = rows.get(i)[0];
            lng[i] = rows.get(i)[1];
            population[i] = (int) rows.get(i)[2];
        }
        return new Cities(lat, lng, population);
    }

    int size() {
        return lat.length;
    }

    /** A city index with probability proportional to {@code max(population, 1000)}. */
    int pick(java.util.Random random) {
        double target = random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
        int lo = 0;
        int hi = cumulativeWeight.length - 1;
        while (lo < hi) { // first index whose cumulative weight exceeds the target
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeight[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Characteristic radius of a city's business core in km: 0.4 for a village, about 2 for 1M, at most 8. */
    static double scaleKm(int population) {
        return Math.min(8.0, 0.4 + 1.6 * Math.sqrt(Math.max(population, 0) / 1e6));
    }

    /** Distance from the centre: 65 % dense core (2-D Gaussian, sigma s), 35 % suburban tail (exponential, mean 3s). */
    static double offsetKm(java.util.Random random, double s) {
        double d;
        if (random.nextDouble() < 0.65) {
            d = s * Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble()));
        } else {
            d = -3.0 * s * Math.log(1.0 - random.nextDouble());
        }
        return Math.min(d, 40.0);
    }

    /** Great-circle destination in degrees; longitude normalised to [-180, 180). */
    static double[] destination(double latDegrees, double lngDegrees, double meters, double bearing) {
        double p1 = Math.toRadians(latDegrees);
        double l1 = Math.toRadians(lngDegrees);
        double a = meters / dev.proximity.geo.Haversine.EARTH_RADIUS_METERS;
        double sp = Math.max(-1.0, Math.min(1.0, Math.sin(p1) * Math.cos(a) + Math.cos(p1) * Math.sin(a)
                * Math.cos(bearing)));
        double p2 = Math.asin(sp);
        double l2 = l1 + Math.atan2(Math.sin(bearing) * Math.sin(a) * Math.cos(p1), Math.cos(a) - Math.sin(p1) * sp);
        return new double[] {Math.toDegrees(p2), normalizeLng(Math.toDegrees(l2))};
    }

    static double normalizeLng(double lng) {
        return ((lng + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
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
