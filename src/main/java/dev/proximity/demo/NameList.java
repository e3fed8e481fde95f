package dev.proximity.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One language's word lists and naming patterns ({@code /demo/names/<tag>.txt}), from which business names and
 * street addresses are drawn, as a local would write them ({@code 행복약국}, {@code Boulangerie du Marché},
 * {@code 12 rue de Rivoli}).
 *
 * <p>The file is UTF-8 text in sections. {@code @slot place} starts a word list, {@code @category bakery} the name
 * patterns of a category, {@code @chain cafe} a few chain names of a category (a small share of that category
 * takes one, so some names repeat as real chains do), {@code @address} the address patterns. Lines starting with
 * {@code #} are comments; {@code |} separates several entries on one line, and an entry listed twice is drawn
 * twice as often. In patterns and words, {@code {place}} draws a word of that slot (words may hold slots too),
 * {@code {#}} a house number (small numbers more often) and {@code {3-12}} a number in that range; any other
 * text is kept as written, spaces included, so languages without spaces between words are written as they are
 * read. Immutable and thread-safe; the randomness comes from the caller.
 */
final class NameList {

    /** Share of a category with chain names that takes one of them. */
    static final double CHAIN_SHARE = 0.07;

    private final String tag;
    private final Map<String, List<NamePattern>> slots;
    private final Map<String, List<NamePattern>> categories;
    private final Map<String, List<NamePattern>> chains;
    private final List<NamePattern> addresses;

    private NameList(String tag, Map<String, List<NamePattern>> slots, Map<String, List<NamePattern>> categories,
            Map<String, List<NamePattern>> chains, List<NamePattern> addresses) {
        this.tag = tag;
        this.slots = slots;
        this.categories = categories;
        this.chains = chains;
        this.addresses = addresses;
    }

    /** The list of this BCP 47 language tag ({@code ko}, {@code zh-Hans}, {@code en-IN}). */
    static NameList load(String tag) {
        String resource = "/demo/names/" + tag + ".txt";
        try (InputStream in = NameList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + " is not on the classpath");
            }
            return parse(tag, resource, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NameList parse(String tag, String resource, BufferedReader reader) throws IOException {
        Map<String, Map<String, List<NamePattern>>> sections = new LinkedHashMap<>();
        for (String kind : List.of("@slot", "@category", "@chain", "@address")) {
            sections.put(kind, new LinkedHashMap<>());
        }
        List<NamePattern> current = null;
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (text.startsWith("@")) {
                String[] heading = text.split("\\s+");
                Map<String, List<NamePattern>> section = sections.get(heading[0]);
                String key = heading.length > 1 ? heading[1] : "";
                if (section == null || key.isEmpty() != heading[0].equals("@address")) {
                    throw new IllegalStateException(resource + ":" + number + ": unknown heading " + text);
                }
                current = section.computeIfAbsent(key, k -> new ArrayList<>());
            } else if (current == null) {
                throw new IllegalStateException(resource + ":" + number + ": text before the first heading");
            } else {
                for (String item : text.split("\\|")) {
                    if (!item.isBlank()) {
                        current.add(NamePattern.parse(item.strip()));
                    }
                }
            }
        }
        Map<String, List<NamePattern>> slots = sections.get("@slot");
        for (Map<String, List<NamePattern>> section : sections.values()) {
            for (List<NamePattern> entries : section.values()) {
                for (NamePattern entry : entries) {
                    for (String slot : entry.slots()) {
                        if (!slots.containsKey(slot)) {
                            throw new IllegalStateException(resource + ": {" + slot + "} is used but not defined");
                        }
                    }
                }
            }
        }
        List<NamePattern> addresses = sections.get("@address").getOrDefault("", List.of());
        return new NameList(tag, frozen(slots), frozen(sections.get("@category")), frozen(sections.get("@chain")),
                List.copyOf(addresses));
    }

    private static Map<String, List<NamePattern>> frozen(Map<String, List<NamePattern>> section) {
        Map<String, List<NamePattern>> copy = new LinkedHashMap<>();
        section.forEach((key, entries) -> copy.put(key, List.copyOf(entries)));
        return Map.copyOf(copy);
    }

    String tag() {
        return tag;
    }

    /** The categories this list can name. */
    Set<String> categories() {
        return categories.keySet();
    }

    /** A name for a business of this category; throws for a category the list does not name. */
    String name(String category, Random random) {
        List<NamePattern> patterns = categories.get(category);
        if (patterns == null) {
            throw new IllegalArgumentException(tag + " has no names for " + category);
        }
        List<NamePattern> chainNames = chains.get(category);
        if (chainNames != null && random.nextDouble() < CHAIN_SHARE) {
            patterns = chainNames;
        }
        return expand(patterns, random);
    }

    /** A street address, or null when the list has no address patterns. */
    String address(Random random) {
        return addresses.isEmpty() ? null : expand(addresses, random);
    }

    private String expand(List<NamePattern> patterns, Random random) {
        StringBuilder out = new StringBuilder();
        patterns.get(random.nextInt(patterns.size())).expand(slots, random, out);
        return out.toString().strip().replaceAll("\\s{2,}", " ");
    }
}
