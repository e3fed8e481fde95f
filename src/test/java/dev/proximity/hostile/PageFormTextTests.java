package dev.proximity.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner pages' forms, posted by a browser with a session and its CSRF token, with text no browser would send
 * from a UTF-8 page: NUL, bytes that are not UTF-8, a surrogate encoded on its own. Each is a 400 page that names
 * the field (never a 500 or 503), and nothing is saved: not the text with U+FFFD in place of the bytes, not a
 * {@code ?} in place of the surrogate.
 */
@ApiIntegrationTest
class PageFormTextTests {

    private static final String BUSINESS_FORM = "form.business-form";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theBusinessFormRefusesNulAndBytesThatAreNotUtf8NamingTheField() {
        ApiClient.Owner owner = new ApiClient(port).newOwner();
        PageClient browser = signedIn(owner);
        Map<String, String> valid = Map.of("name", "Cafe", "category", "cafe", "latitude", "1.5", "longitude", "2.5");

        Map<String, String> withNul = new LinkedHashMap<>(valid);
        withNul.put("address", "Main\u0000Street");
        Page nul = browser.submit(browser.get("/owner/businesses/new"), BUSINESS_FORM, withNul);
        assertRefusedPage(nul, "address", "must not contain NUL characters");

        for (String bytes : new String[] {"%FF", "%ED%A0%80", "%C0%AE", "%E2%82"}) {
            Map<String, String> fields = browser.fieldsOf(browser.get("/owner/businesses/new"), BUSINESS_FORM);
            fields.putAll(valid);
            String body = encode(fields) + "&city=Seoul" + bytes;
            Page refused = browser.postEncoded("/owner/businesses/new", body.replace("city=&", ""));
            assertRefusedPage(refused, "city", "must be valid UTF-8 text");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business WHERE owner_id = ?", Long.class,
                Long.parseLong(owner.id()))).isZero();
        // the same form with plain text is saved
        assertThat(browser.submit(browser.get("/owner/businesses/new"), BUSINESS_FORM, valid).status()).isEqualTo(302);
    }

    @Test
    void signUpAndSignInRefuseNulAndBrokenTextNamingTheField() {
        PageClient browser = new PageClient(port);
        String email = "form-text-" + System.nanoTime() + "@example.com";
        Page signUp = browser.get("/signup");
        Page refused = browser.submit(signUp, "form[action$=/signup]",
                Map.of("name", "Bob\u0000", "email", email, "password", "correct horse battery"));
        assertRefusedPage(refused, "name", "must not contain NUL characters");

        Map<String, String> fields = browser.fieldsOf(browser.get("/signup"), "form[action$=/signup]");
        fields.putAll(Map.of("name", "Bob", "email", email));
        Page surrogate = browser.postEncoded("/signup", encode(fields) + "&password=correct+horse+%ED%A0%80");
        assertRefusedPage(surrogate, "password", "must be valid UTF-8 text");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM owner WHERE lower(email) = lower(?)", Long.class, email))
                .isZero();

        Page signIn = browser.submit(browser.get("/signin"), "form[action$=/signin]",
                Map.of("email", "someone\u0000@example.com", "password", "whatever it is"));
        assertRefusedPage(signIn, "email", "must not contain NUL characters");
    }

    private static void assertRefusedPage(Page page, String field, String message) {
        assertThat(page.status()).as(page.body()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.document().select("main .problem").text())
                .isEqualTo("The field \u2018" + field + "\u2019 " + message + ". Nothing was saved.");
    }

    private PageClient signedIn(ApiClient.Owner owner) {
        PageClient browser = new PageClient(port);
        Page signIn = browser.get("/signin");
        Page signedIn = browser.submit(signIn, "form[action$=/signin]",
                Map.of("email", owner.email(), "password", owner.password()));
        assertThat(signedIn.status()).isEqualTo(302);
        return browser;
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
