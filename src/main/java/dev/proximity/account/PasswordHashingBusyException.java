package dev.proximity.account;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Every password-hashing turn stayed taken for the whole wait: 503, retry in a second (nothing was done). */
final class PasswordHashingBusyException extends ProblemException {

    static final int RETRY_AFTER_SECONDS = 1;

    private PasswordHashingBusyException() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                "Too many sign-ins are being checked right now; nothing was done. Retry shortly.");
    }

    static PasswordHashingBusyException create() {
        return new PasswordHashingBusyException();
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        return headers;
    }
}
