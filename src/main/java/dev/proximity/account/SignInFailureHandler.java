package dev.proximity.account;

import java.io.IOException;

import dev.proximity.system.DatabaseUnavailable;
import dev.proximity.system.ServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A failed form sign-in. Wrong credentials go back to the form. An owner store that could not be asked is no
 * wrong password: the 503 page with {@code Retry-After}, as the API answers it.
 */
final class SignInFailureHandler implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(SignInFailureHandler.class);

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof InternalAuthenticationServiceException) {
            if (DatabaseUnavailable.causes(failure)) {
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
        response.sendRedirect(request.getContextPath() + "/signin?error");
    }
}
