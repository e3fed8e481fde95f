package dev.proximity.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssetCatalogTests {

    private final AssetCatalog catalog = AssetCatalog.load(getClass().getClassLoader());

    @Test
    void holdsOurSourcesAndLeafletUnderAssets() {
        assertThat(catalog.byLogicalPath("/assets/app.css")).isPresent();
        assertThat(catalog.byLogicalPath("/assets/map.js")).isPresent();
        assertThat(catalog.byLogicalPath("/assets/vendor/leaflet/leaflet.js")).isPresent();
        assertThat(catalog.byLogicalPath("/assets/vendor/leaflet/images/layers.png")).isPresent();
        assertThat(catalog.byLogicalPath("/assets/vendor/leaflet.markercluster/leaflet.markercluster.js"))
                .isPresent();
        assertThat(catalog.byLogicalPath("/assets/vendor/leaflet.markercluster/MarkerCluster.Default.css"))
                .isPresent();
        // sources maps and unminified copies stay out of the bucket
        assertThat(catalog.all()).noneMatch(asset -> asset.logicalPath().endsWith(".map")
                || asset.logicalPath().contains("-src"));
    }

    @Test
    void namesEveryFileByItsContent() {
        Asset script = catalog.byLogicalPath("/assets/map.js").orElseThrow();
        assertThat(script.publicPath()).matches("/assets/map-[0-9a-f]{16}\\.js");
        assertThat(catalog.byPublicPath(script.publicPath())).contains(script);
        assertThat(catalog.byPublicPath("/assets/map.js")).isEmpty();

        Map<String, byte[]> before = new TreeMap<>(Map.of("/assets/a.js", bytes("one")));
        Map<String, byte[]> after = new TreeMap<>(Map.of("/assets/a.js", bytes("two")));
        assertThat(path(AssetCatalog.fingerprint(before), "/assets/a.js"))
                .isNotEqualTo(path(AssetCatalog.fingerprint(after), "/assets/a.js"))
                .isEqualTo(path(AssetCatalog.fingerprint(new TreeMap<>(before)), "/assets/a.js"));
    }

    @Test
    void pointsStylesheetsAtFingerprintedImagesSoAnImageChangeRenamesTheCss() {
        Map<String, byte[]> sources = new TreeMap<>();
        sources.put("/assets/css/site.css", bytes(".a{background:url(../img/dot.png)} .b{background:url('x.png')}"
                + " .c{background:url(data:image/png;base64,AA)} .d{behavior:url(#default#VML)}"));
        sources.put("/assets/img/dot.png", bytes("png-1"));
        AssetCatalog first = AssetCatalog.fingerprint(sources);
        String dot = path(first, "/assets/img/dot.png");
        String css = new String(first.byLogicalPath("/assets/css/site.css").orElseThrow().content(),
                StandardCharsets.UTF_8);
        assertThat(css).contains("url(../img/" + dot.substring(dot.lastIndexOf('/') + 1) + ")")
                .contains("url('x.png')")
                .contains("url(data:image/png;base64,AA)")
                .contains("url(#default#VML)");

        sources.put("/assets/img/dot.png", bytes("png-2"));
        assertThat(path(AssetCatalog.fingerprint(sources), "/assets/css/site.css"))
                .isNotEqualTo(path(first, "/assets/css/site.css"));
    }

    @Test
    void leafletCssUsesTheFingerprintedLayerIcons() {
        String css = new String(catalog.byLogicalPath("/assets/vendor/leaflet/leaflet.css").orElseThrow().content(),
                StandardCharsets.UTF_8);
        String layers = path(catalog, "/assets/vendor/leaflet/images/layers.png");
        assertThat(css).contains("url(images/" + layers.substring(layers.lastIndexOf('/') + 1) + ")");
    }

    private static String path(AssetCatalog catalog, String logicalPath) {
        return catalog.byLogicalPath(logicalPath).orElseThrow().publicPath();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
