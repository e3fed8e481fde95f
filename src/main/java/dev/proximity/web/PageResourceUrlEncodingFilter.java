package dev.proximity.web;

import java.io.IOException;

import dev.proximity.system.ApiPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** {@link ResourceUrlEncodingFilter} everywhere but the JSON API ({@code /v1/**}). */
final class PageResourceUrlEncodingFilter extends ResourceUrlEncodingFilter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && ApiPaths.isApi(http)) {
            chain.doFilter(request, response);
        } else {
            super.doFilter(request, response, chain);
        }
    }
}
