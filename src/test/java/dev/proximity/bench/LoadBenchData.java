package dev.proximity.bench;

import dev.proximity.bench.BusinessSetGenerator.BusinessSet;
import dev.proximity.bench.QuerySetGenerator.QuerySet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the load benchmark's input files in the format of the reference Python generators, so that
 * {@code bench/load-bench.sh} treats both sources alike:
 * <ul>
 *   <li>{@code businesses.csv}: {@code id,name,category,lat,lon}, coordinates from {@link BusinessSetGenerator}
 *       (the same points as the JMH benchmarks), names and categories drawn with the reference weights;</li>
 *   <li>{@code queries.csv}: {@code qid,lat,lon,radius_m,kind} from {@link QuerySetGenerator}.</li>
 * </ul>
 * Usage: {@code LoadBenchData <out-dir> [businesses=1000000] [business-seed=42] [queries=10000] [query-seed=7]}.
 */
public final class LoadBenchData {

    /** Category weights of the reference generator. */
    private static final String[] CATEGORIES = {"restaurant", "cafe", "bar", "grocery", "bakery", "pharmacy",
            "hotel", "hair_salon", "clothing", "bank", "gas_station", "gym", "dentist", "doctor", "car_repair",
            "hardware", "bookstore", "electronics", "florist", "laundry"};
    private static final int[] CATEGORY_WEIGHTS = {20, 10, 6, 8, 4, 5, 4, 6, 7, 3, 3, 3, 3, 4, 4, 2, 1, 3, 2, 2};
    /** The words of the names ("Adj Noun Category"); {@link HttpNearbyTarget} draws its keywords from them. */
    static final String[] ADJ = {"Golden", "Blue", "Green", "Royal", "Happy", "Little", "Grand", "Old",
            "New", "Sunny", "Silver", "Red", "Urban", "Corner", "Central", "Lucky", "Bright", "Family", "Prime", "Star"};
    static final String[] NOUN = {"Dragon", "Oak", "Lion", "Harbor", "Garden", "River", "Bridge", "Market",
            "Square", "Tower", "Mill", "Bay", "Hill", "Park", "Station", "Lantern", "Anchor", "Maple", "Crown", "Fox"};

    private LoadBenchData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LoadBenchData <out-dir> [businesses] [business-seed] [queries] [query-seed]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int businesses = args.length > 1 ? Integer.parseInt(args[1]) : BenchData.BUSINESSES;
        long businessSeed = args.length > 2 ? Long.parseLong(args[2]) : BenchData.BUSINESS_SEED;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : BenchData.QUERIES;
        long querySeed = args.length > 4 ? Long.parseLong(args[4]) : BenchData.QUERY_SEED;
        Files.createDirectories(out);
        writeBusinesses(out.resolve("businesses.csv"), BusinessSetGenerator.generate(businesses, businessSeed),
                businessSeed);
        writeQueries(out.resolve("queries.csv"), QuerySetGenerator.generate(queries, querySeed));
    }

    /** The name and category of each business of the set, as {@link #writeBusinesses} writes them. */
    public record Text(String[] names, String[] categories) {
    }

    public static Text text(BusinessSet set, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        int totalWeight = 0;
        for (int weight : CATEGORY_WEIGHTS) {
            totalWeight += weight;
        }
        String[] names = new String[set.size()];
        String[] categories = new String[set.size()];
        for (int i = 0; i < set.size(); i++) {
            categories[i] = CATEGORIES[pick(random.nextInt(totalWeight))];
            names[i] = ADJ[random.nextInt(ADJ.length)] + " " + NOUN[random.nextInt(NOUN.length)] + " "
                    + title(categories[i]);
        }
        return new Text(names, categories);
    }

    /** The words names are made of, lower case: each is in about one name of twenty. */
    public static String[] nameWords() {
        String[] words = new String[ADJ.length + NOUN.length];
        for (int i = 0; i < words.length; i++) {
            words[i] = (i < ADJ.length ? ADJ[i] : NOUN[i - ADJ.length]).toLowerCase(java.util.Locale.ROOT);
        }
        return words;
    }

    static void writeBusinesses(Path file, BusinessSet set, long seed) throws IOException {
        // a separate stream for the text keeps the coordinates identical to the JMH benchmarks' set
        Text text = text(set, seed);
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("id,name,category,lat,lon\n");
            for (int i = 0; i < set.size(); i++) {
                writer.write(set.ids()[i] + "," + text.names()[i] + "," + text.categories()[i] + ","
                        + sixDecimals(set.lat()[i]) + "," + sixDecimals(set.lng()[i]) + "\n");
            }
        }
    }

    static void writeQueries(Path file, QuerySet set) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("qid,lat,lon,radius_m,kind\n");
            for (int q = 0; q < set.size(); q++) {
                writer.write((q + 1) + "," + sixDecimals(set.lat()[q]) + "," + sixDecimals(set.lng()[q]) + ","
                        + (long) set.radiusMeters()[q] + "," + set.kind()[q] + "\n");
            }
        }
    }

    private static int pick(int target) {
        int sum = 0;
        for (int i = 0; i < CATEGORY_WEIGHTS.length; i++) {
            sum += CATEGORY_WEIGHTS[i];
            if (target < sum) {
                return i;
            }
        }
        return CATEGORY_WEIGHTS.length - 1;
    }

    private static String title(String category) {
        StringBuilder title = new StringBuilder();
        for (String word : category.split("_")) {
            if (title.length() > 0) {
                title.append(' ');
            }
            title.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return title.toString();
    }

    private static String sixDecimals(double value) {
        String text = String.format(Locale.ROOT, "%.6f", value);
        return text.equals("-0.000000") ? "0.000000" : text;
    }
}
