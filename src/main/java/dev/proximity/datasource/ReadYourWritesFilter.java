package dev.proximity.datasource;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after authentication. A signed-in owner's unsafe request (POST, PUT, DELETE ...) marks them as a
 * recent writer before it runs (so the marker exists by the time the write commits and is acknowledged) and
 * again when it succeeds (so the window counts from the answer) and reads only from the primary. Their
 * reads within the window go to the primary too. Anonymous requests are not affected.
 */
class ReadYourWritesFilter extends OncePerRequestFilter {

    private final RecentWriters recentWriters;

    ReadYourWritesFilter(RecentWriters recentWriters) {
        this.recentWriters = recentWriters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Long ownerId = ownerId(SecurityContextHolder.getContext().getAuthentication());
        if (ownerId == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean write = !isSafe(request.getMethod());
        if (write) {
            recentWriters.markWrote(ownerId);
        }
        try {
            ReadYourWrites.runWith(() -> write || recentWriters.wroteRecently(ownerId),
                    () -> chain.doFilter(request, response));
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
        if (write && response.getStatus() < 400) {
            recentWriters.markWrote(ownerId);
        }
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /** A bearer token's subject, or the owner signed in to the owner pages (their principal's name is the id). */
    private static Long ownerId(Authentication authentication) {
        String id = null;
        if (authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated()) {
            id = jwt.getToken().getSubject();
        } else if (authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof AuthenticatedPrincipal owner) {
            id = owner.getName();
        }
        try {
            return id == null ? null : Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
