package dev.proximity.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Which language a business around a city is named in: the bundled table ({@code /demo/languages.tsv}) gives
 * each country, and a few big cities of their own, a weighted mix of name lists ({@code IN  hi:5 en-IN:5},
 * {@code IN/Kolkata  bn:6 en-IN:3 hi:1}); a country the table lacks is named in English. Loads every list it
 * names, so a missing or broken list fails at start-up. Immutable and thread-safe.
 */
final class LanguageTable {

    static final String FALLBACK = "en";

    private record Mix(List<String> tags, int[] cumulativeWeights) {

        String pick(Random random) {
            int target = random.nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
            int i = 0;
            while (cumulativeWeights[i] <= target) {
                i++;
            }
            return tags.get(i);
        }
    }

    private final Map<String, Mix> mixes;
    private final Map<String, NameList> lists;

    private LanguageTable(Map<String, Mix> mixes, Map<String, NameList> lists) {
        this.mixes = Map.copyOf(mixes);
        this.lists = Map.copyOf(lists);
    }

    static LanguageTable load() {
        Map<String, Mix> mixes = new HashMap<>();
        try (InputStream in = LanguageTable.class.getResourceAsStream("/demo/languages.tsv")) {
            if (in == null) {
                throw new IllegalStateException("demo/languages.tsv is not on the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t+");
                    mixes.put(f[0], mix(f[1].strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, NameList> lists = new TreeMap<>();
        lists.put(FALLBACK, NameList.load(FALLBACK));
        for (Mix mix : mixes.values()) {
            for (String tag : mix.tags()) {
                lists.computeIfAbsent(tag, NameList::load);
            }
        }
        return new LanguageTable(mixes, lists);
    }

    /** {@code "hi:5 en-IN:5"}, or one tag for weight 1. */
    private static Mix mix(String text) {
        String[] entries = text.split("\\s+");
        String[] tags = new String[entries.length];
        int[] cumulative = new int[entries.length];
        int sum = 0;
        for (int i = 0; i < entries.length; i++) {
            int colon = entries[i].indexOf(':');
            tags[i] = colon < 0 ? entries[i] : entries[i].substring(0, colon);
            sum += colon < 0 ? 1 : Integer.parseInt(entries[i].substring(colon + 1));
            cumulative[i] = sum;
        }
        return new Mix(List.of(tags), cumulative);
    }

    /** The name list for the next business around this city. */
    NameList pick(CityCatalog.City city, Random random) {
        Mix mix = mixes.get(city.country() + "/" + city.name());
        if (mix == null) {
            mix = mixes.get(city.country());
        }
        return mix == null ? lists.get(FALLBACK) : lists.get(mix.pick(random));
    }

    /** Every list the table names, by tag. */
    Map<String, NameList> lists() {
        return lists;
    }
}
