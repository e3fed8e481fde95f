package dev.proximity.account;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailKeyTests {

    /** Every way of writing victim@example.com that a person or a script could send for it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "victim@example.com",
            "Victim@Example.COM",
            "victim@example.com\u3000", // ideographic space: strip() removed it, trim() did not
            "\u00a0victim@example.com\u00a0", // no-break spaces
            " \tVICTIM@EXAMPLE.COM\n",
            // full width
            "\uff56\uff49\uff43\uff54\uff49\uff4d@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.\uff43\uff4f\uff4d",
            "\uff36\uff49\uff43\uff54\uff49\uff4d@example.com\u2003", // full-width capitals, em space
            "victim\uff20example\uff0ecom", // full-width @ and full stop
    })
    void everyFormOfAnAddressHasOneKey(String form) {
        assertThat(EmailKey.of(form)).isEqualTo("victim@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"victim@example.com", "Straße@Example.com", "\u0130stanbul@example.com", "ΟΔΟΣ@example.gr",
            "\ufb03@example.com", "\u212a@example.com", "a\u0301@example.com", "\u1e9b\u0323@example.com",
            "\u01c5@example.com", "x@xn--bcher-kva.example", "\ud83d\ude00@example.com"})
    void theKeyOfAKeyIsItself(String address) {
        String key = EmailKey.of(address);
        assertThat(EmailKey.of(key)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"victim@example.co", "victim@example.com.", "vict1m@example.com", "victim@exarnple.com",
            "vic\u200btim@example.com"})
    void otherAddressesStayOther(String other) {
        assertThat(EmailKey.of(other)).isNotEqualTo(EmailKey.of("victim@example.com"));
    }

    /** Ligatures, letter-like symbols and decomposed letters become the letters a person reads. */
    @ParameterizedTest
    @CsvSource({"\ufb03@example.com, ffi@example.com", "\u212a@example.com, k@example.com",
            "\u00c5@example.com, \u00e5@example.com", "A\u030a@example.com, \u00e5@example.com"})
    void compatibilityAndDecomposedFormsFold(String form, String key) {
        assertThat(EmailKey.of(form)).isEqualTo(key);
    }
}
