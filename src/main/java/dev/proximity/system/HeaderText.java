package dev.proximity.system;

/**
 * The character rules Spring Security's {@code StrictHttpFirewall} applies to header names, header values and
 * parameter names, without its regular expressions. The firewall checks a header every time anything reads it,
 * and a search request's headers are read a dozen times on their way through the filters, so the regex cost
 * more than the search (profile in docs/benchmarks.md). Same answers as the firewall's defaults
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and for values also the tab), checked for every code point in
 * {@code HeaderTextTests}; printable ASCII, nearly all of real traffic, takes the first branch.
 */
final class HeaderText {

    private HeaderText() {
    }

    /** Every code point is assigned and not a control character. */
    static boolean isAssignedAndNotControl(String text) {
        return check(text, false);
    }

    /** As {@link #isAssignedAndNotControl}, and a tab is allowed too. */
    static boolean isHeaderValue(String text) {
        return check(text, true);
    }

    private static boolean check(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint == '\t' && tabAllowed) {
                continue;
            }
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
        }
        return true;
    }
}
