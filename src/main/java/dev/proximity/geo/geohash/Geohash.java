package dev.proximity.geo.geohash;

import dev.proximity.geo.BoundingBox;
import dev.proximity.geo.LatLng;
import java.util.ArrayList;
import java.util.List;

/**
 * Geohash encoding: the sphere's latitude/longitude rectangle halved alternately on longitude and latitude, the
 * first bit being longitude, five bits per base32 character ({@code 0123456789bcdefghjkmnpqrstuvwxyz}).
 *
 * <p>Two forms are offered. Strings of precision 1 to {@link #MAX_PRECISION} characters (the {@code geohash}
 * text column and the Redis cell keys use these). And <em>bits</em>: the first {@code bitCount} bits of the
 * geohash right-aligned in a {@code long}, for {@code bitCount} in 1..{@link #MAX_BITS}; a precision-{@code p}
 * string is exactly the {@code 5p}-bit value. Of {@code b} bits, {@code ceil(b/2)} are longitude bits and
 * {@code floor(b/2)} latitude bits.
 *
 * <p>Cell membership follows the bisection rule: a coordinate equal to a cell boundary belongs to the upper cell,
 * except that latitude 90 belongs to the northernmost row and longitude 180 to the easternmost column. Longitude
 * -180 is in the westernmost column, so the two spellings of the antimeridian land in different cells.
 *
 * <p>Neighbours wrap east-west across the antimeridian. There are no cells beyond a pole: for a cell in the
 * northernmost row, {@code N} is the cell itself, {@code NE} its eastern and {@code NW} its western neighbour
 * (likewise {@code S}, {@code SE}, {@code SW} in the southernmost row). Every cell of a pole row touches the pole,
 * so nothing is adjacent "across" it in a single step; {@link GeohashCovering} adds whole pole rows instead of
 * relying on neighbours. (The {@code ch.hsr:geohash} library wraps to the opposite pole row instead.)
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * String cell = Geohash.encode(LatLng.ofDegrees(57.64911, 10.40744), 11); // "u4pruydqqvj"
 * BoundingBox box = Geohash.decode("u4pruyd");
 * List<String> ring = Geohash.neighbours("u4pruyd");                    // N, NE, E, SE, S, SW, W, NW
 * }</pre>
 */
public final class Geohash {

    /** Longest string precision: 12 characters, 60 bits, cells of about 3.7 cm by 1.9 cm at the equator. */
    public static final int MAX_PRECISION = 12;

    /** Longest bit precision: 30 longitude and 30 latitude bits. */
    public static final int MAX_BITS = 60;

    private static final char[] BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz".toCharArray();
    private static final int[] BASE32_INDEX = new int[128];

    static {
        java.util.Arrays.fill(BASE32_INDEX, -1);
        for (int i = 0; i < BASE32.length; i++) {
            BASE32_INDEX[BASE32[i]] = i;
        }
    }

    /** The eight compass directions, in the order {@link #neighbours} returns them. */
    public enum Direction {
        N(1, 0), NE(1, 1), E(0, 1), SE(-1, 1), S(-1, 0), SW(-1, -1), W(0, -1), NW(1, -1);

        final int latStep;
        final int lngStep;

        Direction(int latStep, int lngStep) {
            this.latStep = latStep;
            this.lngStep = lngStep;
        }
    }

    private Geohash() {
    }

    /** Returns the geohash string of {@code point} with {@code precision} characters (1..12). */
    public static String encode(LatLng point, int precision) {
        return encode(point.latDegrees(), point.lngDegrees(), precision);
    }

    /** Returns the geohash string of a point in degrees with {@code precision} characters (1..12). */
    public static String encode(double latDegrees, double lngDegrees, int precision) {
        checkPrecision(precision);
        if (!LatLng.isValid(latDegrees, lngDegrees)) {
            throw new IllegalArgumentException("invalid coordinates " + latDegrees + ", " + lngDegrees);
        }
        return toBase32(encodeBits(latDegrees, lngDegrees, 5 * precision), precision);
    }

    /**
     * Returns the first {@code bitCount} geohash bits of a point, right-aligned. Coordinates are not validated
     * (callers pass validated points); out-of-range values are clamped to the edge cells.
     */
    public static long encodeBits(double latDegrees, double lngDegrees, int bitCount) {
        int lngBits = (bitCount + 1) >>> 1;
        int latBits = bitCount >>> 1;
        long lngIndex = cellIndex(lngDegrees, -180.0, 360.0, lngBits);
        long latIndex = cellIndex(latDegrees, -90.0, 180.0, latBits);
        return interleave(lngIndex, latIndex, bitCount);
    }

    /** Converts a geohash string (case-insensitive) to its bits; the bit count is {@code 5 * length}. */
    public static long toBits(String geohash) {
        int precision = geohash.length();
        checkPrecision(precision);
        long bits = 0;
        for (int i = 0; i < precision; i++) {
            char c = Character.toLowerCase(geohash.charAt(i));
            int value = c < 128 ? BASE32_INDEX[c] : -1;
            if (value < 0) {
                throw new IllegalArgumentException("not a geohash character '" + geohash.charAt(i) + "' in " + geohash);
            }
            bits = (bits << 5) | value;
        }
        return bits;
    }

    /** Converts {@code 5 * precision} right-aligned bits to the geohash string. */
    public static String toBase32(long bits, int precision) {
        checkPrecision(precision);
        char[] chars = new char[precision];
        for (int i = precision - 1; i >= 0; i--) {
            chars[i] = BASE32[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(chars);
    }

    /** Returns the rectangle of a geohash cell in degrees (edges exact: they are dyadic fractions of 180 and 360). */
    public static BoundingBox decode(String geohash) {
        return decodeBits(toBits(geohash), 5 * geohash.length());
    }

    /** Returns the rectangle of the cell given by {@code bitCount} right-aligned bits. */
    public static BoundingBox decodeBits(long bits, int bitCount) {
        checkBitCount(bitCount);
        int lngBits = (bitCount + 1) >>> 1;
        int latBits = bitCount >>> 1;
        long lngIndex = lngIndex(bits, bitCount);
        long latIndex = latIndex(bits, bitCount);
        return new BoundingBox(edge(latIndex, -90.0, 180.0, latBits), edge(latIndex + 1, -90.0, 180.0, latBits),
                edge(lngIndex, -180.0, 360.0, lngBits), edge(lngIndex + 1, -180.0, 360.0, lngBits));
    }

    /** Returns the centre of a geohash cell. */
    public static LatLng decodeCenter(String geohash) {
        return decode(geohash).center();
    }

    /** Returns the neighbour of a geohash cell in one direction (see the class doc for the pole rows). */
    public static String neighbour(String geohash, Direction direction) {
        int bitCount = 5 * geohash.length();
        return toBase32(neighbourBits(toBits(geohash), bitCount, direction.latStep, direction.lngStep),
                geohash.length());
    }

    /** Returns the eight neighbours in the order N, NE, E, SE, S, SW, W, NW. */
    public static List<String> neighbours(String geohash) {
        List<String> result = new ArrayList<>(8);
        for (Direction direction : Direction.values()) {
            result.add(neighbour(geohash, direction));
        }
        return result;
    }

    /**
     * Returns the cell {@code latSteps} rows north and {@code lngSteps} columns east of a cell given as bits.
     * Columns wrap around the antimeridian; rows are clamped at the poles.
     */
    public static long neighbourBits(long bits, int bitCount, int latSteps, int lngSteps) {
        checkBitCount(bitCount);
        int lngBits = (bitCount + 1) >>> 1;
        int latBits = bitCount >>> 1;
        long lngCells = 1L << lngBits;
        long latMax = (1L << latBits) - 1;
        long lng = Math.floorMod(lngIndex(bits, bitCount) + lngSteps, lngCells);
        long lat = Math.max(0, Math.min(latMax, latIndex(bits, bitCount) + latSteps));
        return interleave(lng, lat, bitCount);
    }

    /** Longitude column of a cell given as bits, in [0, 2^ceil(bitCount/2)). */
    public static long lngIndex(long bits, int bitCount) {
        return (bitCount & 1) == 0 ? compact(bits >>> 1) : compact(bits);
    }

    /** Latitude row of a cell given as bits, in [0, 2^floor(bitCount/2)). */
    public static long latIndex(long bits, int bitCount) {
        return (bitCount & 1) == 0 ? compact(bits) : compact(bits >>> 1);
    }

    /** Builds cell bits from a longitude column and a latitude row. */
    public static long interleave(long lngIndex, long latIndex, int bitCount) {
        return (bitCount & 1) == 0 ? (spread(lngIndex) << 1) | spread(latIndex) : spread(lngIndex) | (spread(latIndex) << 1);
    }

    /**
     * Returns the index of the cell of {@code 2^bits} equal cells of {@code [min, min + span]} containing
     * {@code value}: the largest {@code q} whose lower edge is {@code <= value}, capped at the last cell, which is
     * exactly what bit-by-bit bisection with "upper half when {@code value >= mid}" gives. The floating-point
     * quotient is only a first guess; it is corrected against the exact edges.
     */
    static long cellIndex(double value, double min, double span, int bits) {
        if (bits == 0) {
            return 0;
        }
        long cells = 1L << bits;
        long q = (long) Math.floor((value - min) / span * cells);
        if (q < 0) {
            q = 0;
        } else if (q >= cells) {
            q = cells - 1;
        }
        while (q > 0 && value < edge(q, min, span, bits)) {
            q--;
        }
        while (q < cells - 1 && value >= edge(q + 1, min, span, bits)) {
            q++;
        }
        return q;
    }

    /** Lower edge of cell {@code q}; exact, since {@code q * span} fits in 53 bits and the division is by 2^bits. */
    static double edge(long q, double min, double span, int bits) {
        return min + (q * span) / (double) (1L << bits);
    }

    /** Width of a column in degrees at this bit count. */
    public static double cellWidthDegrees(int bitCount) {
        return 360.0 / (1L << ((bitCount + 1) >>> 1));
    }

    /** Height of a row in degrees at this bit count. */
    public static double cellHeightDegrees(int bitCount) {
        return 180.0 / (1L << (bitCount >>> 1));
    }

    private static long spread(long v) {
        v &= 0xFFFFFFFFL;
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v << 2)) & 0x3333333333333333L;
        v = (v | (v << 1)) & 0x5555555555555555L;
        return v;
    }

    private static long compact(long v) {
        v &= 0x5555555555555555L;
        v = (v | (v >>> 1)) & 0x3333333333333333L;
        v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
        return v;
    }

    static void checkPrecision(int precision) {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("geohash precision must be 1..12 characters: " + precision);
        }
    }

    static void checkBitCount(int bitCount) {
        if (bitCount < 1 || bitCount > MAX_BITS) {
            throw new IllegalArgumentException("geohash bit count must be 1..60: " + bitCount);
        }
    }
}
