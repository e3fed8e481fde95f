package dev.proximity.business;

import java.util.ArrayList;
import java.util.List;

import dev.proximity.system.InvalidRequestException;

/**
 * A parsed {@code If-Match} header (RFC 9110 §13.1.1): {@code *} or a list of entity tags. Our tags are
 * strong ({@code "3"}); a weak tag never matches, because If-Match uses the strong comparison.
 * {@code If-None-Match} (§13.1.2) has the same syntax but uses the weak comparison, so there {@code W/"3"}
 * matches version 3.
 */
record IfMatch(boolean any, List<String> tags) {

    /** Null when the header is absent: the write is then unconditional. */
    static IfMatch parse(String header) {
        return parse(header, "If-Match", false);
    }

    /** Null when the header is absent. Weak tags count, e.g. after a proxy weakened our ETag. */
    static IfMatch parseNoneMatch(String header) {
        return parse(header, "If-None-Match", true);
    }

    private static IfMatch parse(String header, String headerName, boolean weakComparison) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.equals("*")) {
            return new IfMatch(true, List.of());
        }
        List<String> tags = new ArrayList<>();
        boolean sawTag = false;
        for (String part : value.split(",")) {
            String tag = part.strip();
            if (tag.isEmpty()) {
                continue; // RFC 9110 §5.6.1: empty list elements are ignored
            }
            sawTag = true;
            boolean weak = tag.startsWith("W/");
            String quoted = weak ? tag.substring(2) : tag;
            if (quoted.length() < 2 || quoted.charAt(0) != '"' || quoted.charAt(quoted.length() - 1) != '"'
                    || quoted.substring(1, quoted.length() - 1).indexOf('"') >= 0) {
                throw InvalidRequestException.invalidField(headerName,
                        "must be * or entity tags in double quotes, such as \"3\"");
            }
            if (!weak || weakComparison) {
                tags.add(quoted.substring(1, quoted.length() - 1));
            }
        }
        if (!sawTag) {
            throw InvalidRequestException.invalidField(headerName,
                    "must be * or entity tags in double quotes, such as \"3\"");
        }
        return new IfMatch(false, tags);
    }

    boolean matches(long version) {
        return any || tags.contains(Long.toString(version));
    }
}
