package dev.proximity.account;

import java.io.IOException;

import dev.proximity.system.DatabaseUnavailable;
import dev.proximity.system.ProblemException;
import dev.proximity.system.ServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * A failed form sign-in. Wrong credentials go back to the form (a redirect, so reloading never posts the
 * password again) with the e-mail that was typed, as a flash attribute, never the password. An owner store
 * that could not be asked, or no password-hashing turn free ({@link PasswordHashingLimit}), is no wrong
 * password: the 503 page with {@code Retry-After}, as the API answers it.
 */
final class SignInFailureHandler implements AuthenticationFailureHandler {

    /** The flash attribute the sign-in form fills its e-mail field from. */
    static final String TYPED_EMAIL = "email";

    private static final Logger log = LoggerFactory.getLogger(SignInFailureHandler.class);
    private static final int MAX_EMAIL_LENGTH = 254; // the form's maxlength: anything longer is not kept

    private final SessionFlashMapManager flashMaps = new SessionFlashMapManager();

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof InternalAuthenticationServiceException) {
            if (failure.getCause() instanceof ProblemException problem) {
                // every password-hashing turn taken: the 503 page with Retry-After, as the API's problem+json
                problem.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                response.sendError(problem.status().value());
            } else if (DatabaseUnavailable.causes(failure)) {
                log.warn("Sign-in unavailable, the owner store cannot be reached: {}",
                        failure.getCause() == null ? "" : failure.getCause().getClass().getSimpleName());
                ServiceUnavailableException.databaseUnavailable().headers()
                        .forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
            } else {
                log.error("Sign-in failed unexpectedly", failure);
                response.sendError(HttpStatus.INTERNAL_SERVER_ERROR.value());
            }
            return;
        }
        String email = request.getParameter("email");
        if (email != null && !email.isBlank() && email.length() <= MAX_EMAIL_LENGTH) {
            FlashMap flash = new FlashMap();
            flash.put(TYPED_EMAIL, email.strip());
            flash.setTargetRequestPath(request.getContextPath() + "/signin");
            flashMaps.saveOutputFlashMap(flash, request, response); // in the session the CSRF token is in
        }
        response.sendRedirect(request.getContextPath() + "/signin?error");
    }
}
