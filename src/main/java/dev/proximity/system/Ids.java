package dev.proximity.system;

import java.util.OptionalLong;

/** Ids travel as JSON strings of digits (JavaScript cannot hold 64-bit integers). */
public final class Ids {

    private Ids() {
    }

    public static String format(long id) {
        return Long.toString(id);
    }

    /**
     * Reads an id from a URL or body. Anything but 1 to 30 decimal digits is a malformed id (400); digits
     * that overflow 64 bits or are zero are well-formed but name nothing, so they come back empty (404).
     */
    public static OptionalLong parse(String text, String what) {
        if (text == null || text.isEmpty() || text.length() > 30 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw InvalidRequestException.of("malformed-id", "Malformed id",
                    what + " must be a string of decimal digits");
        }
        try {
            long id = Long.parseLong(text);
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException overflow) {
            return OptionalLong.empty();
        }
    }
}
