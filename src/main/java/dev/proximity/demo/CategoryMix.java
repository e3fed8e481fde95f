package dev.proximity.demo;

import java.util.List;
import java.util.Random;

/**
 * How common each of the 20 demo categories is, in shares like those of a real city's listings: restaurants
 * and cafés lead everywhere; a downtown has more bars, hotels, shops and banks and hardly any petrol stations
 * or garages, which the suburbs and villages have instead. Immutable; the randomness comes from the caller.
 */
enum CategoryMix {

    /** The centre of a city of at least 300,000. */
    DOWNTOWN(new int[] {210, 125, 70, 70, 30, 40, 50, 65, 110, 35, 4, 22, 28, 38, 6, 10, 18, 45, 15, 15}),
    /** Most of a town or a city. */
    TOWN(new int[] {200, 100, 50, 90, 30, 40, 25, 65, 80, 25, 20, 22, 28, 38, 30, 22, 14, 35, 15, 20}),
    /** The outskirts of a city, and villages. */
    SUBURB(new int[] {180, 75, 30, 120, 35, 40, 15, 60, 50, 18, 50, 20, 25, 40, 70, 40, 8, 25, 12, 20});

    static final List<String> CATEGORIES = List.of("restaurant", "cafe", "bar", "grocery", "bakery", "pharmacy",
            "hotel", "hair_salon", "clothing", "bank", "gas_station", "gym", "dentist", "doctor", "car_repair",
            "hardware", "bookstore", "electronics", "florist", "laundry");

    private final int[] cumulativeWeights;

    CategoryMix(int[] weights) {
        cumulativeWeights = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulativeWeights[i] = sum;
        }
    }

    /** The mix at {@code distanceKm} from the centre of a place of this population. */
    static CategoryMix at(int population, double distanceKm) {
        double scaleKm = CityCatalog.scaleKm(population);
        if (population < 20_000 || distanceKm > 2 * scaleKm) {
            return SUBURB;
        }
        return population >= 300_000 && distanceKm < 0.75 * scaleKm ? DOWNTOWN : TOWN;
    }

    String pick(Random random) {
        int target = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        int i = 0;
        while (cumulativeWeights[i] <= target) {
            i++;
        }
        return CATEGORIES.get(i);
    }
}
