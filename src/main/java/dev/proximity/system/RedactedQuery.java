package dev.proximity.system;

import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A query string as the access log may keep it: parameter names, and values only of parameters that cannot
 * say where someone is ({@code radius}, {@code maxDistance}, {@code limit}, {@code zoom}, {@code category},
 * {@code openNow}, {@code index}) and
 * only when they look as they should (so {@code limit=98.765432} is not kept either).
 * Coordinates and page tokens (whose cursor is a distance from the searcher) become {@code -}; so does any
 * unknown parameter's value, and a name that is not a plain identifier becomes {@code _}.
 */
final class RedactedQuery {

    /** What a value may look like to be kept: never a number with more than two decimals. */
    private static final Map<String, Pattern> SAFE_VALUES = Map.of(
            "radius", Pattern.compile("\\d{1,5}(\\.\\d{1,2})?"),
            "maxDistance", Pattern.compile("\\d{1,5}(\\.\\d{1,2})?"),
            "zoom", Pattern.compile("\\d{1,2}"),
            "limit", Pattern.compile("\\d{1,2}"),
            "category", Pattern.compile("[a-z0-9_-]{1,50}"),
            "openNow", Pattern.compile("true|false"),
            "index", Pattern.compile("[a-z0-9]{1,10}"));
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    private RedactedQuery() {
    }

    /** {@code ?name=value&...} redacted, or the empty string for no query. */
    static String of(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner kept = new StringJoiner("&", "?", "");
        for (String pair : query.split("&", 101)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? null : pair.substring(equals + 1);
            if (!NAME.matcher(name).matches()) {
                kept.add("_");
                continue;
            }
            Pattern safeValue = SAFE_VALUES.get(name);
            boolean safe = safeValue != null && value != null && safeValue.matcher(value).matches();
            kept.add(value == null ? name : name + '=' + (safe ? value : "-"));
        }
        return kept.toString();
    }
}
