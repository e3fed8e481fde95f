package dev.proximity.demo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import dev.proximity.business.BusinessRequest;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;

/**
 * A seeded, lazily generated stream of plausible businesses: first a dense neighbourhood around each core (the
 * most populous bundled cities and the map's default centre; {@link Downtown}), then a long tail over all
 * bundled cities, population-weighted ({@link CityCatalog#pick}). The same arguments give the same businesses.
 */
final class DemoBusinesses implements Iterable<BusinessRequest> {

    /** A default centre this close to a core's centre shares that core rather than getting its own. */
    static final double SAME_CORE_METERS = 1_000;

    private final CityCatalog cities;
    private final DemoBusinessFactory factory;
    private final List<CityCatalog.City> cores;
    private final int perCore;
    private final int longTail;
    private final long seed;

    DemoBusinesses(CityCatalog cities, DemoBusinessFactory factory, List<CityCatalog.City> cores, int perCore,
            int longTail, long seed) {
        this.cities = cities;
        this.factory = factory;
        this.cores = List.copyOf(cores);
        this.perCore = perCore;
        this.longTail = longTail;
        this.seed = seed;
    }

    /**
     * The centres of the dense neighbourhoods: the {@code largest} most populous cities, and {@code defaultCentre}
     * unless it lies within {@link #SAME_CORE_METERS} of one of them (it takes the name, country and population of
     * the nearest bundled city).
     */
    static List<CityCatalog.City> cores(CityCatalog cities, int largest, LatLng defaultCentre) {
        List<CityCatalog.City> cores = new ArrayList<>(cities.largest(largest));
        boolean covered = cores.stream().anyMatch(core -> Haversine.distanceMeters(defaultCentre,
                LatLng.ofDegrees(core.latDegrees(), core.lngDegrees())) < SAME_CORE_METERS);
        if (!covered) {
            CityCatalog.City nearest = cities.nearest(defaultCentre);
            cores.add(new CityCatalog.City(nearest.name(), nearest.country(), defaultCentre.latDegrees(),
                    defaultCentre.lngDegrees(), nearest.population()));
        }
        return cores;
    }

    int size() {
        return cores.size() * perCore + longTail;
    }

    @Override
    public Iterator<BusinessRequest> iterator() {
        Random random = new Random(seed);
        return new Iterator<>() {
            private int produced;

            @Override
            public boolean hasNext() {
                return produced < size();
            }

            @Override
            public BusinessRequest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int index = produced++;
                if (index < cores.size() * perCore) {
                    return inCore(cores.get(index / perCore), index % perCore, random);
                }
                return inLongTail(random);
            }
        };
    }

    /** The i-th business of a core: its distance is stratified so every seed puts the same number within 2 km. */
    private BusinessRequest inCore(CityCatalog.City core, int i, Random random) {
        double km = Downtown.distanceKm((i + random.nextDouble()) / perCore);
        return at(core, km, random);
    }

    private BusinessRequest inLongTail(Random random) {
        CityCatalog.City city = cities.pick(random);
        return at(city, CityCatalog.offsetKm(random, CityCatalog.scaleKm(city.population())), random);
    }

    private BusinessRequest at(CityCatalog.City city, double km, Random random) {
        double[] at = CityCatalog.destination(city.latDegrees(), city.lngDegrees(), km * 1000.0,
                random.nextDouble() * 2 * Math.PI);
        return factory.create(city, at[0], at[1], km, random);
    }
}
