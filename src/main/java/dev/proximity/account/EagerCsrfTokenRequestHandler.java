package dev.proximity.account;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring Security's masked CSRF tokens, but loaded (made and stored, if need be) at once rather than when a
 * form first asks. So signing in leaves a token in the new session, which the sign-out form in the header of
 * the map and business pages needs even if no owner page has been rendered since. Every owner page has a form
 * anyway, so this stores nothing that would not be stored.
 */
final class EagerCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
        masked.handle(request, response, csrfToken);
        csrfToken.get();
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        return masked.resolveCsrfTokenValue(request, csrfToken);
    }
}
