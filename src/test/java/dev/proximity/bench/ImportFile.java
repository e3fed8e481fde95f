package dev.proximity.bench;

import dev.proximity.bench.BusinessSetGenerator.BusinessSet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the import benchmark's CSV ({@code name,category,latitude,longitude}, header row): the businesses of
 * {@link BusinessSetGenerator} (seed 42) with a name and category drawn like the reference generator's (weighted
 * categories, "Adjective Noun Category" names).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *      dev.proximity.bench.ImportFile businesses-1m.csv [rows]
 * </pre>
 */
public final class ImportFile {

    private static final String[] CATEGORIES = {"restaurant", "cafe", "bar", "grocery", "bakery", "pharmacy",
        "hotel", "hair_salon", "clothing", "bank", "gas_station", "gym", "dentist", "doctor", "car_repair",
        "hardware", "bookstore", "electronics", "florist", "laundry"};
    private static final int[] WEIGHTS = {20, 10, 6, 8, 4, 5, 4, 6, 7, 3, 3, 3, 3, 4, 4, 2, 1, 3, 2, 2};
    private static final String[] ADJECTIVES = {"Golden", "Blue", "Green", "Royal", "Happy", "Little", "Grand",
        "Old", "New", "Sunny", "Silver", "Red", "Urban", "Corner", "Central", "Lucky", "Bright", "Family", "Prime",
        "Star"};
    private static final String[] NOUNS = {"Dragon", "Oak", "Lion", "Harbor", "Garden", "River", "Bridge", "Market",
        "Square", "Tower", "Mill", "Bay", "Hill", "Park", "Station", "Lantern", "Anchor", "Maple", "Crown", "Fox"};

    private ImportFile() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "businesses-1m.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        write(out, BusinessSetGenerator.generate(rows, BenchData.BUSINESS_SEED));
        System.out.printf("%s: %,d rows, %,d bytes%n", out, rows, Files.size(out));
    }

    static void write(Path out, BusinessSet set) throws IOException {
        int totalWeight = 0;
        for (int w : WEIGHTS) {
            totalWeight += w;
        }
        Random random = new Random(43);
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("name,category,latitude,longitude\n");
            for (int i = 0; i < set.size(); i++) {
                int pick = random.nextInt(totalWeight);
                int c = 0;
                while (pick >= WEIGHTS[c]) {
                    pick -= WEIGHTS[c++];
                }
                String category = CATEGORIES[c];
                writer.write(ADJECTIVES[random.nextInt(ADJECTIVES.length)]);
                writer.write(' ');
                writer.write(NOUNS[random.nextInt(NOUNS.length)]);
                writer.write(' ');
                writer.write(title(category));
                writer.write(',');
                writer.write(category);
                writer.write(',');
                writer.write(plain(set.lat()[i]));
                writer.write(',');
                writer.write(plain(set.lng()[i]));
                writer.write('\n');
            }
        }
    }

    /** Six decimals at most, never an exponent (the import accepts plain decimals only). */
    private static String plain(double degrees) {
        return java.math.BigDecimal.valueOf(degrees).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    private static String title(String category) {
        StringBuilder title = new StringBuilder(category.length());
        boolean upper = true;
        for (char ch : category.toCharArray()) {
            if (ch == '_') {
                title.append(' ');
                upper = true;
            } else {
                title.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return title.toString();
    }
}
