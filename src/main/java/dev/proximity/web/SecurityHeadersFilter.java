package dev.proximity.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers every response carries, API and assets included: the Content-Security-Policy, no referrer leaves the
 * site (a map URL can hold a location), no MIME sniffing. Pages and error pages are {@code no-cache} (always
 * revalidated); {@code /assets/**} set their own year-long immutable caching and {@code /v1/**} its own rules.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    private final String pagePolicy;

    SecurityHeadersFilter(String pagePolicy) {
        this.pagePolicy = pagePolicy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean apiDocs = path.startsWith("/swagger-ui");
        response.setHeader("Content-Security-Policy", apiDocs ? ContentSecurityPolicy.forApiDocs() : pagePolicy);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!path.startsWith(AssetCatalog.PREFIX) && !path.startsWith("/v1/")) {
            response.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
