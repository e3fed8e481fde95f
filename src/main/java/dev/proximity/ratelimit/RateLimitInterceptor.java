package dev.proximity.ratelimit;

import dev.proximity.system.ClientAddress;
import dev.proximity.system.WarmupRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Searches take a token from their client address's bucket, writes to businesses from their owner's, before the
 * controller runs (after Spring Security, so the owner is known). Sign-in is limited in its controller, which
 * knows the e-mail.
 */
class RateLimitInterceptor implements HandlerInterceptor {

    static final String[] SEARCH_PATHS = {"/v1/search/**"};
    static final String[] WRITE_PATHS = {"/v1/businesses", "/v1/businesses/**"};

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;
    private final WarmupRequests warmup;

    RateLimitInterceptor(RateLimiter limiter, ClientAddress clientAddress, WarmupRequests warmup) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
        this.warmup = warmup;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String method = request.getMethod();
        boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        if (request.getRequestURI().startsWith("/v1/search/")) {
            if (read && !warmup.isWarmup(request)) {
                limiter.enforce(LimitKind.SEARCH, clientAddress.of(request), response);
            }
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!read && authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated()) {
            // the token's subject is the owner id (read here, not via account, which depends on this package)
            limiter.enforce(LimitKind.WRITES, jwt.getToken().getSubject(), response);
        }
        return true;
    }
}
