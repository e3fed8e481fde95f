package dev.proximity.account;

import java.net.HttpCookie;
import java.util.Map;
import java.util.UUID;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-up, sign-in and sign-out pages over real HTTP: messages beside fields, CSRF, the session cookie. */
@ApiIntegrationTest
class AccountPagesIntegrationTests {

    @LocalServerPort
    int port;

    PageClient browser;

    @BeforeEach
    void client() {
        browser = new PageClient(port);
    }

    @Test
    void signUpShowsEachProblemBesideItsFieldAndKeepsWhatWasTyped() {
        Page form = browser.get("/signup");
        assertThat(form.status()).isEqualTo(200);

        Page rejected = browser.submit(form, "form[action$=/signup]",
                Map.of("name", "  ", "email", "not-an-address", "password", "short"));

        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.fieldError("name")).isEqualTo("must not be blank");
        assertThat(rejected.fieldError("email")).isEqualTo("must be a well-formed email address");
        assertThat(rejected.fieldError("password")).contains("length must be between 8 and 128");
        assertThat(rejected.document().getElementById("email").val()).isEqualTo("not-an-address");
        assertThat(rejected.document().getElementById("password").val()).as("never echoed").isEmpty();
        assertThat(rejected.document().getElementById("email").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void signUpWithATakenAddressSaysSoBesideTheEmail() {
        ApiClient.Owner existing = new ApiClient(port).newOwner();

        Page rejected = browser.submit(browser.get("/signup"), "form[action$=/signup]", Map.of("name", "Copy",
                "email", existing.email().toUpperCase(), "password", "a long passphrase"));

        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.fieldError("email")).contains("already exists");
    }

    @Test
    void signingUpSignsInWithANewSessionIdAndAWelcome() {
        Page form = browser.get("/signup");
        String anonymousSession = browser.cookie("SESSION").map(HttpCookie::getValue).orElseThrow();

        Page done = browser.submit(form, "form[action$=/signup]",
                Map.of("name", "Mina", "email", uniqueEmail(), "password", "a long passphrase"));

        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location")).endsWith("/owner/businesses");
        assertThat(browser.cookie("SESSION").map(HttpCookie::getValue).orElseThrow())
                .as("session fixation: the id changes at sign-in").isNotEqualTo(anonymousSession);
        Page list = browser.follow(done);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.document().select(".notice").text()).isEqualTo("Welcome, Mina. Your account is ready.");
    }

    @Test
    void signsInWithTheApiPasswordAndOutAgain() {
        ApiClient.Owner owner = new ApiClient(port).newOwner();

        Page wrong = browser.submit(browser.get("/signin"), "form[action$=/signin]",
                Map.of("email", owner.email(), "password", "not the password"));
        assertThat(wrong.header("Location")).endsWith("/signin?error");
        assertThat(browser.follow(wrong).document().select(".problem").text()).isEqualTo("Wrong e-mail or password.");

        Page signIn = browser.get("/signin");
        String before = browser.cookie("SESSION").map(HttpCookie::getValue).orElseThrow();
        Page signedIn = browser.submit(signIn, "form[action$=/signin]",
                Map.of("email", owner.email(), "password", owner.password()));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).endsWith("/owner/businesses");
        assertThat(browser.cookie("SESSION").map(HttpCookie::getValue).orElseThrow()).isNotEqualTo(before);

        Page list = browser.follow(signedIn);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.document().select(".site-header .signed-in-as").text()).isEqualTo("Test Owner");
        assertThat(list.document().select(".site-header .signed-in-as").attr("title")).isEqualTo(owner.email());
        Page signedOut = browser.submit(list, "form[action$=/signout]", Map.of());
        assertThat(signedOut.header("Location")).endsWith("/signin?signedOut");
        Page afterwards = browser.get("/owner/businesses");
        assertThat(afterwards.status()).isEqualTo(302);
        assertThat(afterwards.header("Location")).endsWith("/signin");
    }

    @Test
    void aFailedSignInKeepsTheTypedEmailButNeverThePasswordAndSaysWhyInTheForm() {
        ApiClient.Owner owner = new ApiClient(port).newOwner();
        String typed = owner.email().toUpperCase();

        Page wrong = browser.submit(browser.get("/signin"), "form[action$=/signin]",
                Map.of("email", typed, "password", "not the password"));
        assertThat(wrong.status()).as("a redirect: reloading never posts the password again").isEqualTo(302);
        Page again = browser.follow(wrong);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.document().getElementById("email").val()).isEqualTo(typed);
        assertThat(again.document().getElementById("password").val()).isEmpty();
        assertThat(again.body()).doesNotContain("not the password");
        assertThat(again.document().select("form[action$=/signin] #signin-error").text())
                .isEqualTo("Wrong e-mail or password.");
        for (String field : new String[] {"email", "password"}) {
            assertThat(again.document().getElementById(field).attr("aria-invalid")).isEqualTo("true");
            assertThat(again.document().getElementById(field).attr("aria-describedby")).isEqualTo("signin-error");
        }
        assertThat(again.document().getElementById("password").hasAttr("autofocus")).isTrue();

        Page reloaded = browser.get("/signin?error");
        assertThat(reloaded.document().getElementById("email").val()).as("shown once, like any flash message")
                .isEmpty();
        Page unknown = browser.submit(reloaded, "form[action$=/signin]",
                Map.of("email", "nobody-" + typed, "password", "whatever it is"));
        assertThat(browser.follow(unknown).document().getElementById("email").val()).isEqualTo("nobody-" + typed);
        assertThat(browser.submit(browser.get("/signin"), "form[action$=/signin]",
                Map.of("email", typed, "password", owner.password())).header("Location"))
                .as("the kept e-mail signs in, case aside").endsWith("/owner/businesses");
    }

    @Test
    void ownerPagesNeedASignIn() {
        Page list = browser.get("/owner/businesses");
        assertThat(list.status()).isEqualTo(302);
        assertThat(list.header("Location")).endsWith("/signin");
        assertThat(browser.get("/owner").header("Location")).endsWith("/signin");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        browser.get("/signup");
        Page noToken = browser.post("/signup",
                Map.of("name", "Mallory", "email", uniqueEmail(), "password", "a long passphrase"));
        assertThat(noToken.status()).isEqualTo(403);

        Page wrongToken = browser.post("/signin",
                Map.of("email", "x@example.com", "password", "whatever it is", "_csrf", "forged"));
        assertThat(wrongToken.status()).isEqualTo(403);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        Page signIn = browser.get("/signin");
        assertThat(signIn.header("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        String setCookie = signIn.headers("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void theApiAndOtherPagesNeverCreateASession() {
        browser.get("/signin"); // the browser now holds a session cookie

        Page map = browser.get("/");
        Page search = browser.get("/v1/search/nearby?latitude=37.5&longitude=127.0&radius=1000");
        Page missing = browser.get("/no/such/page");

        assertThat(map.status()).isEqualTo(200);
        assertThat(map.headers("Set-Cookie")).isEmpty();
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.headers("Set-Cookie")).isEmpty();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.headers("Set-Cookie")).isEmpty();
    }

    private static String uniqueEmail() {
        return "page-" + UUID.randomUUID() + "@example.com";
    }
}
