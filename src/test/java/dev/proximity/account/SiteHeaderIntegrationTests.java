package dev.proximity.account;

import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site header on every page says who is signed in: the owner pages (under the form-login chain) and the
 * map, business and error pages (under no chain: they read the stored session without creating, renewing or
 * even needing one). Over real HTTP, with the session in the real Redis.
 */
@ApiIntegrationTest
class SiteHeaderIntegrationTests {

    private static final String NAME = "Mina <i>Kim</i>";

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    SessionRepository<? extends Session> sessions;

    ApiClient api;
    String businessPage;

    @BeforeEach
    void business() {
        api = new ApiClient(port);
        ApiClient.Owner someone = api.newOwner();
        String id = api.postJson("/v1/businesses",
                "{\"name\":\"Cafe Header\",\"category\":\"cafe\",\"latitude\":37.5,\"longitude\":127.0}",
                someone.auth()).json().get("id").asText();
        businessPage = "/businesses/" + id;
    }

    @Test
    void aVisitorWhoNeverSignedInIsOfferedSignInAndGetsNoSession() {
        PageClient visitor = new PageClient(port);

        for (String path : new String[] {"/", businessPage, "/no/such/page", "/signin"}) {
            Page page = visitor.get(path);
            assertThat(page.status()).as(path).isIn(200, 404);
            assertSignedOut(page, path);
            if (!path.equals("/signin")) {
                assertThat(page.headers("Set-Cookie")).as(path).isEmpty();
                assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
            }
        }
    }

    @Test
    void anOwnerSeesTheirNameMyBusinessesAndSignOutOnEveryPage() {
        PageClient owner = signedUp();

        for (String path : new String[] {"/owner/businesses", "/", businessPage, "/no/such/page", "/signin"}) {
            Page page = owner.get(path);
            assertThat(page.status()).as(path).isIn(200, 404);
            Element header = page.document().selectFirst("header.site-header");
            assertThat(header.select(".signed-in-as").text()).as(path).isEqualTo(NAME);
            assertThat(header.select(".signed-in-as").attr("title")).as(path).endsWith("@example.com");
            assertThat(header.select("a[href=/owner/businesses]").text()).as(path).isEqualTo("My businesses");
            assertThat(page.document().select("a[href=/owner/businesses]")).as(path + ": linked once").hasSize(1);
            assertThat(header.select("form.sign-out[method=post][action=/signout] input[name=_csrf]").val())
                    .as(path).isNotBlank();
            assertThat(header.select("a[href=/signin]")).as(path).isEmpty();
            assertThat(page.body()).as("escaped").doesNotContain("<i>Kim</i>");
            assertThat(page.header("Cache-Control")).as(path + ": names the owner, so no shared cache")
                    .isEqualTo("private, no-cache");
            if (!path.equals("/owner/businesses") && !path.equals("/signin")) {
                assertThat(page.headers("Set-Cookie")).as(path + " neither creates nor renews a session").isEmpty();
            }
        }
        ApiClient.Response api = new ApiClient(port).get("/v1/search/nearby?latitude=37.5&longitude=127&radius=1000");
        assertThat(api.header("Set-Cookie")).isNull();
    }

    @Test
    void signingOutFromTheMapWorksWithTheTokenTheMapCarries() {
        PageClient owner = signedUp();
        Page map = owner.get("/");

        Page signedOut = owner.submit(map, "header form.sign-out", Map.of());

        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.header("Location")).endsWith("/signin?signedOut");
        assertSignedOut(owner.get("/"), "/ after signing out");
        assertThat(owner.get("/owner/businesses").header("Location")).endsWith("/signin");
    }

    @Test
    void aFormSignInNamesTheOwnerFromTheFirstOwnerPageOn() {
        ApiClient.Owner registered = api.newOwner(); // named "Test Owner"
        PageClient owner = new PageClient(port);
        Page signedIn = owner.submit(owner.get("/signin"), "form[action$=/signin]",
                Map.of("email", registered.email(), "password", registered.password()));
        assertThat(signedIn.header("Location")).endsWith("/owner/businesses");

        // the first page after sign-in is an owner page, which looks the name up once for the session
        assertThat(owner.follow(signedIn).document().select(".site-header .signed-in-as").text())
                .isEqualTo("Test Owner");
        assertThat(owner.get("/").document().select(".site-header .signed-in-as").text()).isEqualTo("Test Owner");

        forgetTheName(owner);
        Page map = owner.get("/");
        assertThat(map.document().select(".site-header .signed-in-as").text())
                .as("a session from before names were kept: still signed in").isEqualTo("Signed in");
        assertThat(map.document().select(".site-header form.sign-out")).hasSize(1);
        owner.get("/owner/businesses");
        assertThat(owner.get("/").document().select(".site-header .signed-in-as").text()).isEqualTo("Test Owner");
    }

    @Test
    void withTheSessionStoreUnreachableTheMapStillAnswersAndClaimsNeitherState() {
        PageClient owner = signedUp();
        CircuitBreaker redis = breakers.circuitBreaker("redis");

        redis.transitionToForcedOpenState(); // what a Redis outage leads to within a few calls
        try {
            for (String path : new String[] {"/", businessPage}) {
                Page page = owner.get(path);
                assertThat(page.status()).as(path).isEqualTo(200);
                Element header = page.document().selectFirst("header.site-header");
                assertThat(header.select("a[href=/owner/businesses]")).as(path).hasSize(1);
                assertThat(header.select("a[href=/signin]")).as(path).isEmpty();
                assertThat(header.select(".signed-in-as, form.sign-out")).as(path).isEmpty();
                assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
            }
        } finally {
            redis.transitionToClosedState();
        }
        assertThat(owner.get("/").document().select(".site-header .signed-in-as").text()).isEqualTo(NAME);
    }

    private PageClient signedUp() {
        PageClient owner = new PageClient(port);
        Page done = owner.submit(owner.get("/signup"), "form[action$=/signup]", Map.of("name", NAME,
                "email", "header-" + UUID.randomUUID() + "@example.com", "password", "a long passphrase"));
        assertThat(done.header("Location")).endsWith("/owner/businesses");
        return owner;
    }

    private static void assertSignedOut(Page page, String path) {
        Element header = page.document().selectFirst("header.site-header");
        assertThat(header.select("a[href=/signin]").text()).as(path).isEqualTo("Sign in");
        assertThat(header.select(".signed-in-as, form.sign-out")).as(path).isEmpty();
    }

    /** Drops the stored name, as in a session signed in before the header kept one. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void forgetTheName(PageClient owner) {
        String cookie = owner.cookie("SESSION").map(HttpCookie::getValue).orElseThrow();
        String id = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
        SessionRepository repository = sessions;
        Session session = repository.findById(id);
        session.removeAttribute(SignedInOwner.ATTRIBUTE);
        repository.save(session);
    }
}
