package dev.proximity.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code java -jar proximity.jar export-assets <dir>}: writes every fingerprinted asset to {@code <dir>} under
 * the same path it is served at ({@code <dir>/assets/map-3f9a1c0b2d4e5f60.js}), plus {@code manifest.json}
 * (logical → public path), ready for {@code aws s3 sync <dir> s3://bucket} or any S3-compatible tool. Starts
 * no server and no database.
 */
public final class AssetExport {

    private AssetExport() {
    }

    /** Returns the number of assets written. */
    public static int export(AssetCatalog catalog, Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        Map<String, String> manifest = new TreeMap<>();
        for (Asset asset : catalog.all()) {
            Path target = root.resolve(asset.publicPath().substring(1)).normalize();
            if (!target.startsWith(root)) {
                throw new IllegalStateException("Asset path escapes the export folder: " + asset.publicPath());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, asset.content());
            manifest.put(asset.logicalPath(), asset.publicPath());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(root.resolve("manifest.json").toFile(), manifest);
        return manifest.size();
    }

    /** The command line entry; {@code args} are what follows {@code export-assets}. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -jar proximity.jar export-assets <directory>");
            System.exit(2);
        }
        Path directory = Path.of(args[0]);
        int count;
        try {
            count = export(AssetCatalog.load(AssetExport.class.getClassLoader()), directory);
        } catch (IOException e) {
            System.err.println("Cannot export the assets to " + directory + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Exported " + count + " assets to " + directory.toAbsolutePath().normalize()
                + " (upload with Cache-Control: public, max-age=31536000, immutable)");
    }
}
