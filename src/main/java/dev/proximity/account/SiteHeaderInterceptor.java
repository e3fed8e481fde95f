package dev.proximity.account;

import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Tells every rendered page's site header who is signed in. On the owner pages the security chain has loaded
 * the session, so the answer is at hand (and the owner's name is looked up once per session if sign-in did not
 * leave it there). Elsewhere (the map, a business page, error pages) {@link OwnerSessionReader} reads the
 * stored session, except on a 5xx page: whatever failed, the header does not wait on a store for it.
 * A page that names its owner is {@code Cache-Control: private}.
 */
final class SiteHeaderInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SiteHeaderInterceptor.class);

    // providers: web slice tests load every WebMvcConfigurer, but not the session store behind these
    private final ObjectProvider<OwnerSessionReader> storedSessions;
    private final ObjectProvider<OwnerService> owners;

    SiteHeaderInterceptor(ObjectProvider<OwnerSessionReader> storedSessions, ObjectProvider<OwnerService> owners) {
        this.storedSessions = storedSessions;
        this.owners = owners;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView page) {
        if (page == null || page.getView() instanceof RedirectView
                || (page.getViewName() != null && page.getViewName().startsWith("redirect:"))) {
            return;
        }
        SiteHeader header = header(request, response);
        page.addObject(SiteHeader.ATTRIBUTE, header);
        if (header.signedIn()) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        }
    }

    private SiteHeader header(HttpServletRequest request, HttpServletResponse response) {
        if (request.getDispatcherType() == DispatcherType.REQUEST && OwnerPages.matches(request)) {
            return fromOwnerPagesSession(request);
        }
        if (request.getDispatcherType() == DispatcherType.ERROR && failedOnOurSide(request)) {
            return SiteHeader.UNKNOWN;
        }
        OwnerSessionReader reader = storedSessions.getIfAvailable();
        return reader == null ? SiteHeader.SIGNED_OUT : reader.read(request, response);
    }

    private SiteHeader fromOwnerPagesSession(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof AuthenticatedOwner owner)) {
            return SiteHeader.SIGNED_OUT;
        }
        HttpSession session = request.getSession(false);
        SignedInOwner who = session == null ? null : (SignedInOwner) session.getAttribute(SignedInOwner.ATTRIBUTE);
        if (who == null && session != null) {
            who = lookUp(owner).orElse(null);
            if (who != null) {
                session.setAttribute(SignedInOwner.ATTRIBUTE, who);
            }
        }
        return SiteHeader.signedIn(who, request.getAttribute(CsrfToken.class.getName()) != null);
    }

    private Optional<SignedInOwner> lookUp(AuthenticatedOwner owner) {
        try {
            return owners.getObject().find(owner.id()).map(SignedInOwner::of);
        } catch (RuntimeException e) { // the page itself got what it needed; the header can go without a name
            log.debug("No name for the site header: {}", e.toString());
            return Optional.empty();
        }
    }

    private static boolean failedOnOurSide(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status && status >= 500;
    }
}
