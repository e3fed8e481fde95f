package dev.proximity.account;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one canonical form of an e-mail address: what sign-in looks owners up by, what is unique among owners
 * ({@code owner.email_key}), and whose bucket the per-e-mail sign-in limit takes from. Every way of writing
 * an address that reaches an account therefore reaches the same bucket too.
 *
 * <p>The form: Unicode NFKC (full-width letters, ligatures and compatibility spaces such as U+3000 and
 * U+00A0 become their plain forms), white space at either end removed, lower case by
 * {@code toLowerCase(Locale.ROOT)}, and NFKC once more (lower-casing can leave a string that is not NFKC, so
 * applying the form twice changes nothing). This is case <em>lowering</em>, not full Unicode case folding:
 * {@code ß} and {@code ss} stay distinct, as they may be distinct mailboxes. Addresses that differ only in
 * ASCII case are one, as before.
 */
final class EmailKey {

    private EmailKey() {
    }

    static String of(String email) {
        String compatible = Normalizer.normalize(email, Normalizer.Form.NFKC).strip();
        return Normalizer.normalize(compatible.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }
}
