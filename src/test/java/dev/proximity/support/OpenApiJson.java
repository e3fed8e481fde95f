package dev.proximity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The committed form of the OpenAPI document: object keys sorted, arrays in the server's order (parameter order is
 * meaningful), two-space indentation, one value per line, a final newline. The same document always gives the same
 * text, so a change to the contract shows as a small diff.
 */
public final class OpenApiJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private OpenApiJson() {
    }

    /** {@code json} in the committed form. */
    public static String canonical(String json) {
        try {
            Object tree = JSON.readValue(json, Object.class);
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(indenter)
                    .withArrayIndenter(indenter);
            return JSON.writer(printer).writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }

    /**
     * Where two documents differ, as JSON pointers with both values (shortened), at most {@code max} of them:
     * {@code /paths/~1v1~1owners/post/summary: expected "Register" but was "Register an owner"}.
     */
    public static List<String> differences(JsonNode expected, JsonNode actual, int max) {
        List<String> found = new ArrayList<>();
        collect("", expected, actual, found, max);
        return found;
    }

    private static void collect(String pointer, JsonNode expected, JsonNode actual, List<String> found, int max) {
        if (found.size() >= max || expected.equals(actual)) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name)) {
                    add(found, max, child + ": not in the committed document, live has " + shorten(actual.get(name)));
                } else if (!actual.has(name)) {
                    add(found, max, child + ": committed " + shorten(expected.get(name)) + ", gone from the live one");
                } else {
                    collect(child, expected.get(name), actual.get(name), found, max);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            Iterator<JsonNode> left = expected.elements();
            Iterator<JsonNode> right = actual.elements();
            for (int i = 0; left.hasNext(); i++) {
                collect(pointer + "/" + i, left.next(), right.next(), found, max);
            }
        } else {
            add(found, max, (pointer.isEmpty() ? "/" : pointer) + ": committed " + shorten(expected) + ", live "
                    + shorten(actual));
        }
    }

    private static void add(List<String> found, int max, String difference) {
        if (found.size() < max) {
            found.add(difference);
        }
    }

    private static String shorten(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
