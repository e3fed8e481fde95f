package dev.proximity.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy (here: the test itself, from 127.0.0.1, the trusted proxy) requests that say
 * {@code X-Forwarded-Proto: https} get a {@code Secure} session cookie and HSTS, on the owner pages, the map,
 * the API and an error page; plain-HTTP requests get neither.
 */
@ApiIntegrationTest
@DirtiesContext
@TestPropertySource(properties = "proximity.trusted-proxies=127.0.0.1/32")
class TlsProxyIntegrationTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theSignInPageOverHttpsSetsASecureSessionCookieAndHsts() throws Exception {
        HttpResponse<String> page = get("/signin", "https");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(sessionCookie(page)).contains("; Secure").contains("HttpOnly");
        assertThat(page.headers().allValues("Strict-Transport-Security"))
                .containsExactly("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void everyAnswerOverHttpsCarriesHsts() throws Exception {
        for (String path : List.of("/", "/v1/search/nearby?latitude=1&longitude=1&radius=10", "/no-such-page",
                "/v1/businesses/1")) {
            assertThat(get(path, "https").headers().allValues("Strict-Transport-Security")).as(path).hasSize(1);
        }
    }

    @Test
    void aRedirectToSignInStaysOnHttps() throws Exception {
        HttpResponse<String> redirect = get("/owner/businesses", "https");

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).doesNotStartWith("http:");
    }

    @Test
    void plainHttpGetsNeitherHstsNorASecureCookie() throws Exception {
        HttpResponse<String> page = get("/signin", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(sessionCookie(page)).doesNotContain("Secure");
        assertThat(page.headers().allValues("Strict-Transport-Security")).isEmpty();
        assertThat(get("/", "http").headers().allValues("Strict-Transport-Security")).isEmpty();
    }

    private HttpResponse<String> get(String path, String forwardedProto) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html");
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + response.headers()));
    }
}
