package dev.proximity.web;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one policy for pages: scripts, styles and fetches only from this origin (or the asset CDN), images also
 * from the tile host, no inline code of any kind, no framing, forms post only here.
 */
final class ContentSecurityPolicy {

    private ContentSecurityPolicy() {
    }

    static String forPages(AssetProperties assets, MapProperties map) {
        String cdn = assets.origin();
        return String.join("; ",
                "default-src 'none'",
                directive("script-src", "'self'", cdn),
                directive("style-src", "'self'", cdn),
                directive("img-src", "'self'", cdn, map.tileOrigin()),
                directive("connect-src", "'self'", cdn),
                directive("font-src", "'self'", cdn),
                "form-action 'self'",
                "frame-ancestors 'none'",
                "base-uri 'none'",
                "object-src 'none'");
    }

    /** Swagger UI's own stylesheet carries inline styles and data: icons; its scripts stay same-origin. */
    static String forApiDocs() {
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
                + "object-src 'none'";
    }

    private static String directive(String name, String... sources) {
        return Stream.concat(Stream.of(name), Stream.of(sources).filter(s -> !s.isEmpty()).distinct())
                .collect(Collectors.joining(" "));
    }
}
