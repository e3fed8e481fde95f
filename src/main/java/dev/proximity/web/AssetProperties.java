package dev.proximity.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl prefix of every asset URL written into pages, e.g. {@code https://cdn.example.com}; empty means
 *                the assets come from this instance (same origin)
 */
@ConfigurationProperties("proximity.assets")
public record AssetProperties(@DefaultValue("") String baseUrl) {

    public AssetProperties {
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (!baseUrl.isEmpty() && !baseUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            throw new IllegalArgumentException("proximity.assets.base-url must be empty or an http(s) URL, not "
                    + baseUrl);
        }
    }

    /** The scheme and host of the CDN, for the Content-Security-Policy; empty when assets are same-origin. */
    String origin() {
        if (baseUrl.isEmpty()) {
            return "";
        }
        int pathStart = baseUrl.indexOf('/', baseUrl.indexOf("://") + 3);
        return pathStart < 0 ? baseUrl : baseUrl.substring(0, pathStart);
    }
}
