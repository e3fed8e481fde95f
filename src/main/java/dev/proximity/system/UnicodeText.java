package dev.proximity.system;

/**
 * What every input path refuses in text: NUL (PostgreSQL cannot store U+0000 in text, and no field needs it) and
 * unpaired UTF-16 surrogates (a JSON <code>"&#92;ud800"</code>, which the UTF-8 encoder would otherwise store as
 * {@code ?}: the client's text changed without a word). Bytes that are not UTF-8 never get this far: each input
 * decodes strictly and reports them itself.
 */
public final class UnicodeText {

    public static final String NUL = "must not contain NUL characters";
    public static final String UNPAIRED_SURROGATE = "must be valid Unicode text (it has an unpaired surrogate)";
    public static final String NOT_UTF8 = "must be valid UTF-8 text";

    private UnicodeText() {
    }

    /** Why {@code text} cannot be accepted, or null when it can. */
    public static String problem(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return NUL;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return UNPAIRED_SURROGATE;
                }
            }
        }
        return null;
    }
}
