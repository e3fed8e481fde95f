package dev.proximity.web;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AssetExportTests {

    @TempDir
    Path folder;

    @Test
    void writesEveryAssetAtItsServedPathWithAManifest() throws Exception {
        AssetCatalog catalog = AssetCatalog.load(getClass().getClassLoader());
        int written = AssetExport.export(catalog, folder);

        assertThat(written).isEqualTo(catalog.all().size()).isGreaterThan(5);
        for (Asset asset : catalog.all()) {
            Path file = folder.resolve(asset.publicPath().substring(1));
            assertThat(file).exists();
            assertThat(Files.readAllBytes(file)).isEqualTo(asset.content());
        }
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        Asset leaflet = catalog.byLogicalPath("/assets/vendor/leaflet/leaflet.js").orElseThrow();
        assertThat(manifest.get("/assets/vendor/leaflet/leaflet.js").asText()).isEqualTo(leaflet.publicPath());
    }
}
