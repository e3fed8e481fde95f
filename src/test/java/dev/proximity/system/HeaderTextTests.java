package dev.proximity.system;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link HeaderText} answers exactly as the regular expressions of Spring Security's StrictHttpFirewall. */
class HeaderTextTests {

    // The patterns of StrictHttpFirewall's default header-name and header-value predicates.
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointAloneIsJudgedAsTheFirewallJudgesIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = new String(Character.toChars(codePoint));
            assertThat(HeaderText.isAssignedAndNotControl(text)).as("U+%04X as a name", codePoint)
                    .isEqualTo(NAME.matcher(text).matches());
            assertThat(HeaderText.isHeaderValue(text)).as("U+%04X as a value", codePoint)
                    .isEqualTo(VALUE.matcher(text).matches());
        }
    }

    @Test
    void mixedStringsIncludingLoneSurrogatesAreJudgedAsTheFirewallJudgesThem() {
        SplittableRandom random = new SplittableRandom(20261204);
        char[] interesting = {'a', 'Z', ' ', '\t', '\n', '\u0000', '\u007F', '\u0085', '\u00E9', '\u200B', '\u202E',
                '\uD83D', '\uDE00', '\uFFFF', '\u0378'};
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(8);
            for (int k = 0; k < length; k++) {
                text.append(random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                        : (char) random.nextInt(Character.MAX_VALUE + 1));
            }
            String s = text.toString();
            assertThat(HeaderText.isAssignedAndNotControl(s)).as("name %s", s.codePoints().toArray())
                    .isEqualTo(NAME.matcher(s).matches());
            assertThat(HeaderText.isHeaderValue(s)).as("value %s", s.codePoints().toArray())
                    .isEqualTo(VALUE.matcher(s).matches());
        }
    }

    @Test
    void ordinaryHeadersPass() {
        assertThat(HeaderText.isAssignedAndNotControl("Accept-Encoding")).isTrue();
        assertThat(HeaderText.isHeaderValue("gzip,\tdeflate; q=0.5 — café 🍰")).isTrue();
        assertThat(HeaderText.isHeaderValue("evil\r\nSet-Cookie: x=1")).isFalse();
        assertThat(HeaderText.isAssignedAndNotControl("X-Tab\tName")).isFalse();
    }
}
