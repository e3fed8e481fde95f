package dev.proximity.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A server the request needs is unreachable right now (503 with {@code Retry-After}); retrying later is safe. */
public final class ServiceUnavailableException extends ProblemException {

    /** Seconds a client should wait: the outage is re-checked every second, a failover takes a few. */
    static final int RETRY_AFTER_SECONDS = 5;

    private ServiceUnavailableException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable", detail);
    }

    public static ServiceUnavailableException databaseUnavailable() {
        return new ServiceUnavailableException("The database cannot take this request right now; nothing was "
                + "changed by it unless a retry with the same Idempotency-Key replays it. Retry later.");
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        return headers;
    }
}
