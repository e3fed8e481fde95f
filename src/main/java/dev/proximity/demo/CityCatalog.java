package dev.proximity.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;

/**
 * The bundled city list ({@code /cities/cities.csv.gz}: {@code name,country,lat,lon,population}; GeoNames,
 * CC BY 4.0) with the model that places businesses around cities: a city is picked with probability
 * proportional to its population, and a business lies at a distance drawn from a dense core (2-D Gaussian)
 * plus a suburban tail (exponential). Immutable and thread-safe; the randomness comes from the caller.
 */
public final class CityCatalog {

    public record City(String name, String country, double latDegrees, double lngDegrees, int population) {
    }

    private final List<City> cities;
    private final double[] cumulativeWeight;

    private CityCatalog(List<City> cities) {
        this.cities = List.copyOf(cities);
        this.cumulativeWeight = new double[cities.size()];
        double sum = 0;
        for (int i = 0; i < cities.size(); i++) {
            sum += Math.max(cities.get(i).population(), 1000); // the list starts at 1,000; a few say 0
            cumulativeWeight[i] = sum;
        }
    }

    public static CityCatalog load() {
        try (InputStream in = CityCatalog.class.getResourceAsStream("/cities/cities.csv.gz")) {
            if (in == null) {
                throw new IllegalStateException("cities/cities.csv.gz is not on the classpath");
            }
            MappingIterator<String[]> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                    .readerFor(String[].class)
                    .readValues(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            rows.next(); // header
            List<City> cities = new ArrayList<>(140_000);
            while (rows.hasNext()) {
                String[] f = rows.next();
                cities.add(new City(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Integer.parseInt(f[4])));
            }
            return new CityCatalog(cities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return cities.size();
    }

    public City get(int index) {
        return cities.get(index);
    }

    /** The {@code count} most populous cities, most populous first (ties by name). */
    public List<City> largest(int count) {
        Comparator<City> larger = Comparator.comparingInt(City::population).reversed().thenComparing(City::name);
        // a heap of the best so far, smallest on top: one pass, not a sort of all 135,000 at start-up
        PriorityQueue<City> best = new PriorityQueue<>(count + 1, larger.reversed());
        for (City city : cities) {
            if (best.size() < count) {
                best.add(city);
            } else if (count > 0 && larger.compare(city, best.peek()) < 0) {
                best.poll();
                best.add(city);
            }
        }
        List<City> largest = new ArrayList<>(best);
        largest.sort(larger);
        return List.copyOf(largest);
    }

    /** The city whose listed point is nearest to {@code place}. */
    public City nearest(LatLng place) {
        City nearest = cities.get(0);
        double nearestMeters = Double.MAX_VALUE;
        for (City city : cities) {
            double meters = Haversine.distanceMeters(place, LatLng.ofDegrees(city.latDegrees(), city.lngDegrees()));
            if (meters < nearestMeters) {
                nearest = city;
                nearestMeters = meters;
            }
        }
        return nearest;
    }

    /** A city with probability proportional to {@code max(population, 1000)}. */
    public City pick(Random random) {
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
        return cities.get(lo);
    }

    /** Characteristic radius of a city's business core in km: 0.4 for a village, about 2 for 1M, at most 8. */
    public static double scaleKm(int population) {
        return Math.min(8.0, 0.4 + 1.6 * Math.sqrt(Math.max(population, 0) / 1e6));
    }

    /** Distance from the centre: 65 % dense core (Gaussian, sigma s), 35 % suburban tail (exponential, mean 3s), at most 40 km. */
    public static double offsetKm(Random random, double scaleKm) {
        double d;
        if (random.nextDouble() < 0.65) {
            d = scaleKm * Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble()));
        } else {
            d = -3.0 * scaleKm * Math.log(1.0 - random.nextDouble());
        }
        return Math.min(d, 40.0);
    }

    /** Great-circle destination {lat, lng} in degrees, longitude normalised to [-180, 180); pole-safe. */
    public static double[] destination(double latDegrees, double lngDegrees, double meters, double bearingRadians) {
        double p1 = Math.toRadians(latDegrees);
        double l1 = Math.toRadians(lngDegrees);
        double a = meters / Haversine.EARTH_RADIUS_METERS;
        double sp = Math.max(-1.0, Math.min(1.0, Math.sin(p1) * Math.cos(a)
                + Math.cos(p1) * Math.sin(a) * Math.cos(bearingRadians)));
        double p2 = Math.asin(sp);
        double l2 = l1 + Math.atan2(Math.sin(bearingRadians) * Math.sin(a) * Math.cos(p1),
                Math.cos(a) - Math.sin(p1) * sp);
        return new double[] {Math.toDegrees(p2), normalizeLng(Math.toDegrees(l2))};
    }

    public static double normalizeLng(double lngDegrees) {
        return ((lngDegrees + 180.0) % 360.0 + 360.0) % 360.0 - 180.0;
    }
}
