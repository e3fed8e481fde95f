package dev.proximity.web;

import java.io.IOException;

import dev.proximity.system.ApiPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns the asset links a template writes ({@code th:src="@{/assets/map.js}"}, which Thymeleaf passes through
 * {@code encodeURL}) into fingerprinted URLs under {@code proximity.assets.base-url}. A link to an asset that
 * does not exist fails the page, so a typo shows up in the first test rather than as a 404 in production.
 */
final class AssetUrlFilter extends OncePerRequestFilter {

    private final AssetCatalog catalog;
    private final AssetProperties properties;

    AssetUrlFilter(AssetCatalog catalog, AssetProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contextPath = request.getContextPath();
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public String encodeURL(String url) {
                return super.encodeURL(assetUrl(contextPath, url));
            }
        });
    }

    /** The JSON API renders no template (its error pages go through {@code /error}, which is filtered). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ApiPaths.isApi(request);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // error pages use the layout too
    }

    String assetUrl(String contextPath, String url) {
        if (!url.startsWith(contextPath + AssetCatalog.PREFIX)) {
            return url;
        }
        String logicalPath = url.substring(contextPath.length());
        // Boot's ResourceUrlEncodingFilter (on with WebJars) may already have fingerprinted it through our resolver.
        Asset asset = catalog.byLogicalPath(logicalPath).or(() -> catalog.byPublicPath(logicalPath))
                .orElseThrow(() -> new IllegalStateException("No asset " + logicalPath + " (see frontend/)"));
        return properties.baseUrl().isEmpty() ? contextPath + asset.publicPath()
                : properties.baseUrl() + asset.publicPath();
    }
}
