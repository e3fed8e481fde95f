package dev.proximity.support;

/** Text in full-width forms (U+FF01..U+FF5E), as East Asian keyboards type it; NFKC maps it back to ASCII. */
public final class FullWidth {

    private FullWidth() {
    }

    /** ASCII letters and digits as their full-width forms, everything else as it is. */
    public static String of(String text) {
        StringBuilder wide = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            wide.append(Character.isLetterOrDigit(c) && c < 0x7f ? (char) (c + 0xfee0) : c);
        }
        return wide.toString();
    }
}
