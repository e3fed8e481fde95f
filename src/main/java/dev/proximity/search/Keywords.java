package dev.proximity.search;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How names and keywords are compared: text is folded (Unicode NFKC, case folding, accents removed) and cut into
 * tokens, so {@code cafe} finds {@code Café}, {@code ＣＡＦＥ} and {@code CAFE}. A token is a run of letters and
 * digits; apostrophes inside a word are dropped ({@code McDonald's} is {@code mcdonalds}) and a change between
 * Han/Kana/Hangul and other scripts starts a new token ({@code Café東京} is {@code cafe}, {@code 東京}).
 *
 * <p>A business's searchable text is kept as {@link #nameKeys}: its name's tokens, each preceded by a space, in
 * UTF-8. A query token matches a name when it is a prefix of one of its tokens (the bytes of space + token occur
 * in the keys), or, for Han/Kana/Hangul tokens, anywhere in it ({@code 국밥} finds {@code 할매국밥}). UTF-8 is
 * self-synchronising, so a byte match is always a match of whole characters.
 */
final class Keywords {

    private Keywords() {
    }

    /** NFKC, case folding and removal of accents (the combining marks of Latin, Greek and Cyrillic letters). */
    static String fold(String text) {
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
        // upper then lower: the JDK's closest to full case folding (ß → ss). Two gaps are closed by hand, as
        // Unicode's case folding does: toLowerCase turns Σ into ς at the end of a word (so the prefix "Όσ" of
        // "Όσκαρ" became "ος"), and capital ẞ upper-cases to itself, then lower-cases to ß, not ss
        String lower = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)
                .replace('ς', 'σ').replace("ß", "ss");
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (!isAccent(c)) {
                out.append(c);
            }
        }
        // compose again: Hangul syllables and kana with voicing marks (kept) return to their single forms
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** Combining diacritics (and their extensions); not the kana voicing marks U+3099 and U+309A. */
    private static boolean isAccent(char c) {
        return (c >= '\u0300' && c <= '\u036F') || (c >= '\u1AB0' && c <= '\u1AFF') || (c >= '\u1DC0' && c <= '\u1DFF')
                || (c >= '\u20D0' && c <= '\u20FF') || (c >= '\uFE20' && c <= '\uFE2F');
    }

    /** The folded tokens of {@code text}, in order, duplicates kept. */
    static List<String> tokens(String text) {
        String folded = fold(text);
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean tokenIsCjk = false;
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\'' || c == '\u2019' || c == '\u02BC') {
                continue; // inside a word: McDonald's, l’Étoile
            }
            if (!isWordPart(c)) {
                flush(token, tokens);
                continue;
            }
            boolean cjk = isCjk(c);
            if (token.length() > 0 && cjk != tokenIsCjk) {
                flush(token, tokens);
            }
            tokenIsCjk = cjk;
            token.appendCodePoint(c);
        }
        flush(token, tokens);
        return tokens;
    }

    private static void flush(StringBuilder token, List<String> tokens) {
        if (token.length() > 0) {
            tokens.add(token.toString());
            token.setLength(0);
        }
    }

    /** Letters, digits and the marks that belong to letters of scripts such as Devanagari or Thai. */
    private static boolean isWordPart(int c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || c == '\u30FC'; // katakana prolonged sound mark, as in ラーメン
    }

    /** Han, Hiragana, Katakana and Hangul, whose words are not separated by spaces: matched as substrings. */
    static boolean isCjk(int c) {
        if (c == '\u30FC' || c == '\u3005' || c == '\u3099' || c == '\u309A') {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /** A name's searchable form: each of its tokens preceded by a space, in UTF-8 (empty for no tokens). */
    static byte[] nameKeys(String name) {
        List<String> tokens = tokens(name);
        StringBuilder keys = new StringBuilder(name.length() + tokens.size());
        for (String token : tokens) {
            keys.append(' ').append(token);
        }
        return keys.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A 64-bit summary of name keys ({@link #nameKeys}): for each token, a bit for its first byte and one for its
     * first two bytes; for each character of three or more UTF-8 bytes (Han, Kana, Hangul among them), a bit for
     * its first three bytes. A word can match the name only if its {@link #signatureBit} is set, so most names
     * that miss a word are decided without reading them.
     */
    static long signature(byte[] keys, int from, int to) {
        long signature = 0;
        for (int i = from; i < to; i++) {
            byte b = keys[i];
            if (b == ' ' && i + 1 < to) {
                signature |= bit(1, keys[i + 1], (byte) 0, (byte) 0);
                if (i + 2 < to && keys[i + 2] != ' ') {
                    signature |= bit(2, keys[i + 1], keys[i + 2], (byte) 0);
                }
            } else if ((b & 0xE0) == 0xE0 && i + 2 < to) { // the lead byte of a 3- or 4-byte character
                signature |= bit(3, b, keys[i + 1], keys[i + 2]);
            }
        }
        return signature;
    }

    /** The bit a word's byte pattern (space + token, or a bare Han/Kana/Hangul token) needs in a signature. */
    static long signatureBit(byte[] pattern) {
        if (pattern[0] != ' ') {
            return bit(3, pattern[0], pattern[1], pattern[2]); // Han, Kana and Hangul are 3 or 4 UTF-8 bytes
        }
        return pattern.length >= 3 ? bit(2, pattern[1], pattern[2], (byte) 0) : bit(1, pattern[1], (byte) 0,
                (byte) 0);
    }

    private static long bit(int kind, byte a, byte b, byte c) {
        int x = kind * 0x9E3779B1 ^ ((a & 0xFF) << 16 | (b & 0xFF) << 8 | (c & 0xFF));
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        x *= 0xC2B2AE35;
        return 1L << (x >>> 26);
    }

    /**
     * A parsed {@code q}: each token's byte pattern (space + token, or the bare token for Han/Kana/Hangul) and
     * its plain text (matched against category code tokens). Immutable.
     */
    record Query(List<String> tokens, byte[][] patterns) {

        /** The query for {@code q}; no tokens (q was only spaces or punctuation) gives an empty query. */
        static Query of(String q) {
            List<String> distinct = Keywords.tokens(q).stream().distinct().toList();
            byte[][] patterns = new byte[distinct.size()][];
            for (int t = 0; t < patterns.length; t++) {
                String token = distinct.get(t);
                patterns[t] = (isCjk(token.codePointAt(0)) ? token : " " + token).getBytes(StandardCharsets.UTF_8);
            }
            return new Query(distinct, patterns);
        }

        boolean isEmpty() {
            return tokens.isEmpty();
        }

        /** The canonical text of the query, for page token bindings: the folded tokens, space separated. */
        String canonical() {
            return String.join(" ", tokens);
        }

        /** The most tokens {@link #categoryMask} has bits for (bit 63 is left to callers' own use). */
        static final int MASK_TOKENS = 63;

        /**
         * A bit per token that is a prefix of one of the category code's tokens (split at '_' and '-'); only the
         * first {@link #MASK_TOKENS} tokens have bits (see {@link #withoutCategoryMatches} for longer queries).
         */
        long categoryMask(String categoryCode) {
            String[] parts = categoryCode.split("[_-]");
            long mask = 0;
            for (int t = 0; t < tokens.size() && t < MASK_TOKENS; t++) {
                for (String part : parts) {
                    if (part.startsWith(tokens.get(t))) {
                        mask |= 1L << t;
                        break;
                    }
                }
            }
            return mask;
        }

        /**
         * The tokens that are not a prefix of a token of the category code (null: none is), as a query of their
         * own: for a query of more than {@link #MASK_TOKENS} tokens (up to 100 fit in {@code q}), whose tokens do
         * not all have a bit in a mask, match names with this and {@code satisfied = 0}.
         */
        Query withoutCategoryMatches(String categoryCode) {
            String[] parts = categoryCode == null ? new String[0] : categoryCode.split("[_-]");
            List<String> rest = new ArrayList<>();
            List<byte[]> restPatterns = new ArrayList<>();
            for (int t = 0; t < tokens.size(); t++) {
                String token = tokens.get(t);
                boolean inCategory = false;
                for (String part : parts) {
                    inCategory |= part.startsWith(token);
                }
                if (!inCategory) {
                    rest.add(token);
                    restPatterns.add(patterns[t]);
                }
            }
            return new Query(List.copyOf(rest), restPatterns.toArray(byte[][]::new));
        }

        /**
         * Whether every token not in {@code satisfied} matches the name keys {@code keys[from, to)}. Bit {@code t}
         * of {@code satisfied} stands for token {@code t} for {@code t < 63}; later tokens are always checked.
         */
        boolean matchesName(long satisfied, byte[] keys, int from, int to) {
            for (int t = 0; t < patterns.length; t++) {
                // (1L << t) wraps around at 64: token 64 must not pass for token 0's category match
                boolean inCategory = t < MASK_TOKENS && (satisfied & (1L << t)) != 0;
                if (!inCategory && !contains(keys, from, to, patterns[t])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean contains(byte[] text, int from, int to, byte[] pattern) {
            int last = to - pattern.length;
            byte first = pattern[0];
            outer:
            for (int i = from; i <= last; i++) {
                if (text[i] != first) {
                    continue;
                }
                for (int k = 1; k < pattern.length; k++) {
                    if (text[i + k] != pattern[k]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
