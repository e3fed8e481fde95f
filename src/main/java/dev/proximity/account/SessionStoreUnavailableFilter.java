package dev.proximity.account;

import java.io.IOException;

import dev.proximity.system.DatabaseUnavailable;
import dev.proximity.system.ServiceUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the owner pages, a session store (Redis) that cannot be reached answers a 503 page with
 * {@code Retry-After} instead of a 500. The session filter commits the session before the response is
 * committed, so the failure surfaces here while the answer can still be replaced. Failures inside Spring MVC
 * never get this far: {@code PageExceptionResolver} answers them with the same page.
 */
class SessionStoreUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SessionStoreUnavailableFilter.class);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !OwnerPages.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!storeUnreachable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Owner page unavailable, a store cannot be reached: {}", e.getClass().getSimpleName());
            response.reset();
            response.setHeader("Retry-After", Integer.toString(ServiceUnavailableException.RETRY_AFTER_SECONDS));
            response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
        }
    }

    private static boolean storeUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("redis.clients.jedis.exceptions.JedisConnection")) {
                return true;
            }
        }
        return DatabaseUnavailable.causes(failure); // Spring's resource failures and timeouts, Redis's included
    }
}
