package dev.proximity.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a just-registered owner in, doing what form sign-in does: a new session id (no fixation), a new
 * CSRF token, and the security context saved in the session; plus who they are, for the site header.
 */
@Component
class OwnerSessionSignIn {

    private final SecurityContextRepository contexts;
    private final CsrfAuthenticationStrategy csrf;
    private final ChangeSessionIdAuthenticationStrategy fixation = new ChangeSessionIdAuthenticationStrategy();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    OwnerSessionSignIn(SecurityContextRepository ownerSecurityContexts, CsrfTokenRepository ownerCsrfTokens) {
        this.contexts = ownerSecurityContexts;
        this.csrf = new CsrfAuthenticationStrategy(ownerCsrfTokens);
        this.csrf.setRequestHandler(new EagerCsrfTokenRequestHandler()); // as form sign-in's
    }

    void signIn(OwnerResponse registered, HttpServletRequest request, HttpServletResponse response) {
        AuthenticatedOwner owner = new AuthenticatedOwner(Long.parseLong(registered.id()),
                registered.role() == Role.ADMIN);
        UsernamePasswordAuthenticationToken authentication = OwnerPasswordAuthenticationProvider.signedIn(owner);
        authentication.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
        fixation.onAuthentication(authentication, request, response);
        csrf.onAuthentication(authentication, request, response);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().setAttribute(SignedInOwner.ATTRIBUTE, SignedInOwner.of(registered));
    }
}
