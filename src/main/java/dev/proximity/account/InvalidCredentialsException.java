package dev.proximity.account;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Wrong password and unknown e-mail answer alike, so the API does not reveal who is registered. */
final class InvalidCredentialsException extends ProblemException {

    private InvalidCredentialsException() {
        super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials",
                "The e-mail address or password is wrong");
    }

    static InvalidCredentialsException create() {
        return new InvalidCredentialsException();
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return headers;
    }
}
