package dev.proximity.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Pages, assets and their headers as a browser or a CDN sees them, over a real socket. */
@ApiIntegrationTest
class WebPagesIntegrationTests {

    private static final Pattern SCRIPT = Pattern.compile("<script defer src=\"(/assets/map-[0-9a-f]{16}\\.js)\"");

    @LocalServerPort
    int port;

    ApiClient http;

    @BeforeEach
    void client() {
        http = new ApiClient(port);
    }

    @Test
    void mapPageLinksFingerprintedAssetsAndIsRevalidated() {
        ApiClient.Response page = http.get("/", "Accept", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.body()).containsPattern("/assets/vendor/leaflet/leaflet-[0-9a-f]{16}\\.js")
                .containsPattern("/assets/app-[0-9a-f]{16}\\.css")
                .doesNotContain("<style").doesNotContain("style=\"");
        assertThat(page.body().replaceAll("<script defer src=\"[^\"]+\"></script>", ""))
                .doesNotContain("<script");
    }

    @Test
    void assetsAreImmutableForAYearAndOnlyServedByTheirFingerprintedName() {
        Matcher script = SCRIPT.matcher(http.get("/").body());
        assertThat(script.find()).isTrue();
        ApiClient.Response asset = http.get(script.group(1));
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.header("Content-Type")).startsWith("text/javascript");
        assertThat(asset.header("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        assertThat(asset.header("X-Content-Type-Options")).isEqualTo("nosniff");

        assertThat(http.get("/assets/map.js").status()).isEqualTo(404);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path : new String[] {"/", "/v1/search/nearby?latitude=1&longitude=2", "/nope"}) {
            ApiClient.Response response = http.get(path, "Accept", "text/html");
            String policy = response.header("Content-Security-Policy");
            assertThat(policy).as(path)
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'",
                            "img-src 'self' http://127.0.0.1:9")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
    }

    @Test
    void browsersGetAnHtmlNotFoundPageWhileTheApiKeepsProblemJson() {
        ApiClient.Response page = http.get("/no-such-page", "Accept", "text/html");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Not found").containsPattern("/assets/app-[0-9a-f]{16}\\.css");

        assertProblem(http.get("/v1/no-such-thing", "Accept", "text/html"), 404, "not-found");
    }
}
