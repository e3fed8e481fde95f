package dev.proximity.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every file under {@code /assets/}, read once from the classpath and named by content: {@code map.js} is served
 * as {@code map-<16 hex of its SHA-256>.js}, so a changed file gets a new URL and any URL can be cached forever.
 * CSS is rewritten to point at the fingerprinted names of the images it uses (before its own hash is taken, so
 * a changed image changes the CSS name too). Serving and {@code export-assets} use this one catalog, so what a
 * bucket holds is byte for byte what an instance serves.
 *
 * <p>Sources, each mapped to a logical path:
 * <ul>
 * <li>{@code frontend/**} (copied to {@code classpath:assets/}) → {@code /assets/**}</li>
 * <li>Leaflet's WebJar {@code dist/leaflet.js}, {@code leaflet.css}, {@code images/*} →
 *     {@code /assets/vendor/leaflet/**}</li>
 * <li>Leaflet.markercluster's WebJar {@code leaflet.markercluster.js}, {@code MarkerCluster*.css} →
 *     {@code /assets/vendor/leaflet.markercluster/*}</li>
 * </ul>
 */
public final class AssetCatalog {

    public static final String PREFIX = "/assets/";

    private static final List<Source> SOURCES = List.of(
            new Source("classpath*:assets/**/*", Pattern.compile(".*/assets/(.+)$"), ""),
            new Source("classpath*:META-INF/resources/webjars/leaflet/*/dist/**/*",
                    Pattern.compile(".*/webjars/leaflet/[^/]+/dist/(leaflet\\.js|leaflet\\.css|images/[^/]+)$"),
                    "vendor/leaflet/"),
            new Source("classpath*:META-INF/resources/webjars/leaflet-markercluster/*/*",
                    Pattern.compile(".*/webjars/leaflet-markercluster/[^/]+/(leaflet\\.markercluster\\.js"
                            + "|MarkerCluster(?:\\.Default)?\\.css)$"),
                    "vendor/leaflet.markercluster/"));

    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*(['\"]?)([^'\")]+)\\1\\s*\\)");

    private final Map<String, Asset> byLogicalPath;
    private final Map<String, Asset> byPublicPath;

    private AssetCatalog(Map<String, Asset> byLogicalPath) {
        this.byLogicalPath = Collections.unmodifiableMap(byLogicalPath);
        Map<String, Asset> byPublic = new TreeMap<>();
        byLogicalPath.values().forEach(asset -> byPublic.put(asset.publicPath(), asset));
        this.byPublicPath = Collections.unmodifiableMap(byPublic);
    }

    /** Reads and fingerprints every asset on the classpath of {@code classLoader}. */
    public static AssetCatalog load(ClassLoader classLoader) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        Map<String, byte[]> sources = new TreeMap<>();
        try {
            for (Source source : SOURCES) {
                for (Resource resource : resolver.getResources(source.pattern())) {
                    if (!resource.isReadable()) {
                        continue; // a directory
                    }
                    Matcher m = source.relativePath().matcher(resource.getURL().toString());
                    if (m.matches()) {
                        try (InputStream in = resource.getInputStream()) {
                            sources.putIfAbsent(PREFIX + source.logicalPrefix() + m.group(1), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the assets from the classpath", e);
        }
        return fingerprint(sources);
    }

    static AssetCatalog fingerprint(Map<String, byte[]> sources) {
        Map<String, Asset> catalog = new LinkedHashMap<>();
        List<String> stylesheets = new ArrayList<>();
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            if (source.getKey().endsWith(".css")) {
                stylesheets.add(source.getKey());
            } else {
                catalog.put(source.getKey(), named(source.getKey(), source.getValue()));
            }
        }
        for (String path : stylesheets) {
            String css = new String(sources.get(path), StandardCharsets.UTF_8);
            catalog.put(path, named(path, rewriteUrls(path, css, catalog).getBytes(StandardCharsets.UTF_8)));
        }
        return new AssetCatalog(catalog);
    }

    /** The asset a template names, e.g. {@code /assets/map.js}. */
    public Optional<Asset> byLogicalPath(String logicalPath) {
        return Optional.ofNullable(byLogicalPath.get(logicalPath));
    }

    /** The asset behind a fingerprinted URL path, e.g. {@code /assets/map-3f9a1c0b2d4e5f60.js}. */
    public Optional<Asset> byPublicPath(String publicPath) {
        return Optional.ofNullable(byPublicPath.get(publicPath));
    }

    public Collection<Asset> all() {
        return byPublicPath.values();
    }

    private static Asset named(String logicalPath, byte[] content) {
        int slash = logicalPath.lastIndexOf('/');
        int dot = logicalPath.lastIndexOf('.');
        String hash = HexFormat.of().formatHex(sha256(content), 0, 8);
        String publicPath = dot > slash
                ? logicalPath.substring(0, dot) + "-" + hash + logicalPath.substring(dot)
                : logicalPath + "-" + hash;
        return new Asset(logicalPath, publicPath, content);
    }

    /** Points relative {@code url(...)}s at fingerprinted names; the relative form keeps working on a CDN. */
    private static String rewriteUrls(String cssPath, String css, Map<String, Asset> catalog) {
        String directory = cssPath.substring(0, cssPath.lastIndexOf('/') + 1);
        Matcher m = CSS_URL.matcher(css);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = m.group(2).strip();
            String replacement = m.group();
            if (!url.contains(":") && !url.startsWith("/") && !url.startsWith("#")) {
                Asset target = catalog.get(normalize(directory + url));
                if (target != null) {
                    String publicName = target.publicPath().substring(target.publicPath().lastIndexOf('/') + 1);
                    replacement = "url(" + url.substring(0, url.lastIndexOf('/') + 1) + publicName + ")";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/", -1)) {
            if (part.equals("..")) {
                if (parts.size() > 1) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Source(String pattern, Pattern relativePath, String logicalPrefix) {
    }
}
