package dev.proximity.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a {@link NameList}: literal text, {@code {slot}} references, the house number {@code {#}} and
 * number ranges such as {@code {3-12}}. Expanding it draws a word for each slot (words may hold slots in turn,
 * at most {@value #MAX_DEPTH} deep) and a number for each number. Immutable.
 */
record NamePattern(List<Object> parts) {

    static final int MAX_DEPTH = 4;

    private static final Pattern TOKEN = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

    static NamePattern parse(String text) {
        List<Object> parts = new ArrayList<>();
        Matcher token = TOKEN.matcher(text);
        int at = 0;
        while (token.find()) {
            if (token.start() > at) {
                parts.add(text.substring(at, token.start()));
            }
            String name = token.group(1);
            Matcher range = RANGE.matcher(name);
            if (name.equals("#")) {
                parts.add(Numeral.HOUSE_NUMBER);
            } else if (range.matches()) {
                parts.add(new Numeral(Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2)), false));
            } else {
                parts.add(new Slot(name));
            }
            at = token.end();
        }
        if (at < text.length()) {
            parts.add(text.substring(at));
        }
        return new NamePattern(List.copyOf(parts));
    }

    /** The names of the slots this pattern draws from. */
    List<String> slots() {
        return parts.stream().filter(Slot.class::isInstance).map(p -> ((Slot) p).name()).toList();
    }

    /** Appends an expansion to {@code out}, drawing slot words from {@code slots}. */
    void expand(Map<String, List<NamePattern>> slots, Random random, StringBuilder out) {
        expand(slots, random, out, 0);
    }

    private void expand(Map<String, List<NamePattern>> slots, Random random, StringBuilder out, int depth) {
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else if (part instanceof Slot slot) {
                if (depth == MAX_DEPTH) {
                    throw new IllegalStateException("{" + slot.name() + "} nests deeper than " + MAX_DEPTH);
                }
                List<NamePattern> words = slots.get(slot.name());
                words.get(random.nextInt(words.size())).expand(slots, random, out, depth + 1);
            } else {
                out.append(((Numeral) part).draw(random));
            }
        }
    }

    private record Slot(String name) {
    }

    /** A number from {@code min} to {@code max}; a skewed one (the house number) is small far more often. */
    private record Numeral(int min, int max, boolean skewed) {

        static final Numeral HOUSE_NUMBER = new Numeral(1, 300, true);

        Numeral {
            if (min > max) {
                throw new IllegalArgumentException("{" + min + "-" + max + "} is an empty range");
            }
        }

        int draw(Random random) {
            if (skewed) {
                return min + (int) Math.min(max - min, -40.0 * Math.log(1.0 - random.nextDouble()));
            }
            return min + random.nextInt(max - min + 1);
        }
    }
}
