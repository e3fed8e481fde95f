package dev.proximity.search;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a search answer's numbers without a general double-to-text conversion, which was a tenth of the app's
 * CPU under load (Jackson's Schubfach, three doubles per business). Coordinates as owners type them have at most
 * seven decimals; such a value is written as that decimal, which is also its shortest exact form, so the text is
 * what a general conversion gives (but never in E notation). Any other coordinate takes the general path.
 * Distances are written to the millimetre (the contract allows rounding to 0.01 m).
 */
final class JsonDecimals {

    /** Room for any number {@link #coordinate} or {@link #millimetres} writes. */
    static final int SCRATCH_LENGTH = 32;
    /** The most decimals the fast path writes for a coordinate: 1 cm at the equator. */
    static final int COORDINATE_DECIMALS = 7;
    private static final double COORDINATE_SCALE = 1e7;

    private JsonDecimals() {
    }

    /**
     * {@code value} as a JSON number with at most seven decimals into {@code out}, or -1 when no such decimal
     * reads back as exactly {@code value} (then the caller takes the general path).
     */
    static int coordinate(double value, char[] out) {
        if (!(Math.abs(value) < 1e9) || value == 0) {
            return -1; // NaN, infinities and huge values; zero, to keep "-0.0" apart from "0.0"
        }
        long scaled = Math.round(value * COORDINATE_SCALE);
        // Both operands are exact and the quotient is correctly rounded: it is the double nearest to the decimal
        // scaled * 10^-7, so equality means that decimal reads back as value.
        if (scaled / COORDINATE_SCALE != value) {
            return -1;
        }
        return fixed(scaled, COORDINATE_DECIMALS, out);
    }

    /** Metres rounded to the millimetre as a JSON number into {@code out}: at most 3 decimals, at least one. */
    static int millimetres(double metres, char[] out) {
        if (!(Math.abs(metres) < 1e12)) {
            return -1;
        }
        return fixed(Math.round(metres * 1000), 3, out);
    }

    /** {@code units * 10^-decimals} with trailing zeros dropped, keeping one decimal ("180.0", as Java writes). */
    private static int fixed(long units, int decimals, char[] out) {
        int at = 0;
        if (units < 0) {
            out[at++] = '-';
            units = -units;
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        at = digits(units / scale, out, at);
        out[at++] = '.';
        long fraction = units % scale;
        int kept = decimals;
        while (kept > 1 && fraction % 10 == 0) {
            fraction /= 10;
            kept--;
        }
        for (int i = at + kept - 1; i >= at; i--) {
            out[i] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        return at + kept;
    }

    private static int digits(long value, char[] out, int at) {
        int length = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            length++;
        }
        for (int i = at + length - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + length;
    }

    /** {@code value} as a coordinate: the fast decimal when {@link #coordinate} accepts it, else Jackson's. */
    static void writeCoordinate(JsonGenerator json, double value, char[] scratch) throws IOException {
        write(json, value, coordinate(value, scratch), scratch);
    }

    /** {@code metres} to the millimetre, or through Jackson when {@link #millimetres} declines. */
    static void writeDistance(JsonGenerator json, double metres, char[] scratch) throws IOException {
        write(json, metres, millimetres(metres, scratch), scratch);
    }

    /** The {@code length} characters of {@code scratch}, or Jackson's text of {@code value} when -1. */
    private static void write(JsonGenerator json, double value, int length, char[] scratch) throws IOException {
        if (length < 0) {
            json.writeNumber(value);
        } else {
            json.writeNumber(scratch, 0, length);
        }
    }
}
