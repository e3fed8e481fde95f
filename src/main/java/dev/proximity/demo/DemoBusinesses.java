package dev.proximity.demo;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

import dev.proximity.business.BusinessRequest;

/** A seeded, lazily generated stream of plausible businesses around real cities. */
final class DemoBusinesses implements Iterable<BusinessRequest> {

    private static final String[] CATEGORIES = {"restaurant", "cafe", "bar", "grocery", "bakery", "pharmacy",
        "hotel", "hair_salon", "clothing", "bank", "gas_station", "gym", "dentist", "doctor", "car_repair",
        "hardware", "bookstore", "electronics", "florist", "laundry"};
    private static final int[] CATEGORY_WEIGHTS = {20, 10, 6, 8, 4, 5, 4, 6, 7, 3, 3, 3, 3, 4, 4, 2, 1, 3, 2, 2};
    private static final String[] ADJECTIVES = {"Golden", "Blue", "Green", "Royal", "Happy", "Little", "Grand",
        "Old", "New", "Sunny", "Silver", "Red", "Urban", "Corner", "Central", "Lucky", "Bright", "Family", "Prime",
        "Star"};
    private static final String[] NOUNS = {"Dragon", "Oak", "Lion", "Harbor", "Garden", "River", "Bridge",
        "Market", "Square", "Tower", "Mill", "Bay", "Hill", "Park", "Station", "Lantern", "Anchor", "Maple",
        "Crown", "Fox"};
    private static final int TOTAL_WEIGHT = java.util.Arrays.stream(CATEGORY_WEIGHTS).sum();

    private final CityCatalog cities;
    private final int count;
    private final long seed;

    DemoBusinesses(CityCatalog cities, int count, long seed) {
        this.cities = cities;
        this.count = count;
        this.seed = seed;
    }

    @Override
    public Iterator<BusinessRequest> iterator() {
        Random random = new Random(seed);
        return new Iterator<>() {
            private int produced;

            @Override
            public boolean hasNext() {
                return produced < count;
            }

            @Override
            public BusinessRequest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                produced++;
                return generate(random);
            }
        };
    }

    private BusinessRequest generate(Random random) {
        CityCatalog.City city = cities.pick(random);
        double km = CityCatalog.offsetKm(random, CityCatalog.scaleKm(city.population()));
        double[] at = CityCatalog.destination(city.latDegrees(), city.lngDegrees(), km * 1000.0,
                random.nextDouble() * 2 * Math.PI);
        String category = category(random);
        String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + NOUNS[random.nextInt(NOUNS.length)]
                + " " + title(category);
        return new BusinessRequest(name, category, round6(at[0]), round6(at[1]), null, city.name(), null,
                city.country(), null, null, null, null, null);
    }

    private static String category(Random random) {
        int target = random.nextInt(TOTAL_WEIGHT);
        for (int i = 0; i < CATEGORIES.length; i++) {
            target -= CATEGORY_WEIGHTS[i];
            if (target < 0) {
                return CATEGORIES[i];
            }
        }
        return CATEGORIES[0];
    }

    private static String title(String category) {
        StringBuilder title = new StringBuilder();
        for (String word : category.split("_")) {
            title.append(title.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                    .append(word.substring(1));
        }
        return title.toString();
    }

    /** About 0.1 m: what a real listing would carry. */
    private static double round6(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
