package dev.proximity.account;

import java.util.List;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Reads, and never writes, the owner pages' session for the site header of pages outside their security chain
 * (the map, a business page, the error pages), where the servlet API shows no session at all (see
 * {@link OwnerPagesSessionIdResolver}). Only a request that carries the session cookie is looked up, once,
 * without retries and through the Redis circuit breaker: a visitor who never signed in costs nothing, and a
 * Redis outage costs the header its signed-in state, never the page. Reading is not activity: the session
 * still expires as long after the last owner page as it did.
 */
final class OwnerSessionReader {

    private static final Logger log = LoggerFactory.getLogger(OwnerSessionReader.class);

    private final OwnerPagesSessionIdResolver sessionIds;
    private final SessionRepository<? extends Session> sessions;
    private final CircuitBreaker redis;
    private final XorCsrfTokenRequestAttributeHandler csrfTokens = new XorCsrfTokenRequestAttributeHandler();

    OwnerSessionReader(OwnerPagesSessionIdResolver sessionIds, SessionRepository<? extends Session> sessions,
            CircuitBreaker redis) {
        this.sessionIds = sessionIds;
        this.sessions = sessions instanceof ResilientSessionRepository<?> resilient
                ? resilient.withoutRetries() : sessions;
        this.redis = redis;
    }

    /**
     * Who the stored session says is signed in. When it is an owner, the session's CSRF token becomes this
     * request's (masked, as on the owner pages), so the header's sign-out form can carry it.
     */
    SiteHeader read(HttpServletRequest request, HttpServletResponse response) {
        List<String> ids = sessionIds.peekSessionIds(request);
        if (ids.isEmpty()) {
            return SiteHeader.SIGNED_OUT;
        }
        Optional<Session> session;
        try {
            session = redis.executeSupplier(() -> find(ids));
        } catch (RuntimeException e) { // unreachable, slow, or the breaker is open
            log.debug("Session store not asked or not answering for the site header: {}", e.toString());
            return SiteHeader.UNKNOWN;
        }
        Optional<Authentication> signedIn = session
                .map(s -> s.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                .filter(SecurityContext.class::isInstance)
                .map(context -> ((SecurityContext) context).getAuthentication())
                .filter(a -> a.isAuthenticated() && a.getPrincipal() instanceof AuthenticatedOwner);
        if (signedIn.isEmpty()) {
            return SiteHeader.SIGNED_OUT;
        }
        CsrfToken token = session.get().getAttribute(OwnerPagesSecurityConfiguration.CSRF_TOKEN_ATTRIBUTE);
        if (token != null) {
            csrfTokens.handle(request, response, () -> token);
        }
        return SiteHeader.signedIn(session.get().getAttribute(SignedInOwner.ATTRIBUTE), token != null);
    }

    private Optional<Session> find(List<String> ids) {
        for (String id : ids) {
            try {
                Session session = sessions.findById(id);
                if (session != null) {
                    return Optional.of(session);
                }
            } catch (SerializationException e) {
                // a session this version cannot read (written by another): not signed in here, and not a
                // Redis failure for the breaker that search and rate limiting share
                log.debug("Unreadable session ignored for the site header");
            }
        }
        return Optional.empty();
    }
}
