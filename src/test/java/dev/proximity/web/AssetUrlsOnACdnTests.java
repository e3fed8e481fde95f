package dev.proximity.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With {@code proximity.assets.base-url} set, pages link the CDN and the CSP lets exactly it in. */
class AssetUrlsOnACdnTests {

    private final AssetCatalog catalog = AssetCatalog.load(getClass().getClassLoader());
    private final MapProperties map = new MapProperties("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "tiles",
            new MapProperties.Center(0, 0), List.of("cafe"));

    @Test
    void prefixesFingerprintedUrlsWithTheBaseUrl() {
        AssetUrlFilter cdn = new AssetUrlFilter(catalog, new AssetProperties("https://cdn.example.com/proximity/"));
        String leaflet = catalog.byLogicalPath("/assets/vendor/leaflet/leaflet.js").orElseThrow().publicPath();
        assertThat(cdn.assetUrl("", "/assets/vendor/leaflet/leaflet.js"))
                .isEqualTo("https://cdn.example.com/proximity" + leaflet);
        assertThat(cdn.assetUrl("", "/businesses/1")).isEqualTo("/businesses/1");

        AssetUrlFilter sameOrigin = new AssetUrlFilter(catalog, new AssetProperties(""));
        assertThat(sameOrigin.assetUrl("/app", "/app/assets/vendor/leaflet/leaflet.js")).isEqualTo("/app" + leaflet);
        assertThatThrownBy(() -> sameOrigin.assetUrl("", "/assets/typo.js")).hasMessageContaining("/assets/typo.js");
    }

    @Test
    void thePolicyAllowsTheCdnAndTheTileHostAndNothingInline() {
        String policy = ContentSecurityPolicy.forPages(new AssetProperties("https://cdn.example.com/proximity"), map);
        assertThat(policy)
                .contains("script-src 'self' https://cdn.example.com;")
                .contains("style-src 'self' https://cdn.example.com;")
                .contains("img-src 'self' https://cdn.example.com https://*.tiles.example.org;")
                .contains("connect-src 'self' https://cdn.example.com;")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(ContentSecurityPolicy.forPages(new AssetProperties(""), map))
                .contains("script-src 'self';");
        assertThatThrownBy(() -> new AssetProperties("javascript:alert(1)"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
