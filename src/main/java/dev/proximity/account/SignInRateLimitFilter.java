package dev.proximity.account;

import java.io.IOException;

import dev.proximity.ratelimit.LimitKind;
import dev.proximity.ratelimit.RateLimiter;
import dev.proximity.system.ClientAddress;
import dev.proximity.system.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form draws from the API's sign-in buckets ({@code POST /v1/auth/token}): per client address,
 * then per e-mail ({@link EmailKey}), so the form is no way around them. It runs in the owner pages' chain
 * after the CSRF check and before the form login, so a refused attempt checks no password; the refusal is the
 * 429 page with {@code Retry-After} and the RateLimit fields, as the API's is problem+json.
 */
class SignInRateLimitFilter extends OncePerRequestFilter {

    private static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/signin");

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;

    SignInRateLimitFilter(RateLimiter limiter, ClientAddress clientAddress) {
        this.limiter = limiter;
        this.clientAddress = clientAddress;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SIGN_IN.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = request.getParameter("email");
        try {
            limiter.enforce(response, new RateLimiter.Take(LimitKind.SIGN_IN_CLIENT, clientAddress.of(request)),
                    new RateLimiter.Take(LimitKind.SIGN_IN_EMAIL, EmailKey.of(email == null ? "" : email)));
        } catch (ProblemException refused) {
            refused.headers().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
            response.sendError(refused.status().value());
            return;
        }
        chain.doFilter(request, response);
    }
}
