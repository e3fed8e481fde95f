package dev.proximity.system;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A server the request needs is unreachable right now (503 with {@code Retry-After}); retrying later is safe. */
public final class ServiceUnavailableException extends ProblemException {

    /**
     * Seconds a client should wait: the outage is re-checked every second, a failover takes a few. Every 503
     * for an unreachable store says this, the API's and the pages' alike.
     */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** Seconds an overloaded instance asks for: the request queue drains in moments once it sheds. */
    static final int OVERLOADED_RETRY_AFTER_SECONDS = 1;

    private final int retryAfterSeconds;

    private ServiceUnavailableException(String detail) {
        this(detail, RETRY_AFTER_SECONDS);
    }

    private ServiceUnavailableException(String detail, int retryAfterSeconds) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable", detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ServiceUnavailableException databaseUnavailable() {
        return new ServiceUnavailableException("The database cannot take this request right now; nothing was "
                + "changed by it unless a retry with the same Idempotency-Key replays it. Retry later.");
    }

    /** The request waited in a queue longer than it is still useful to answer (see {@code QueueTimeFilter}). */
    static ServiceUnavailableException overloaded() {
        return new ServiceUnavailableException("The server is busy and this request waited too long to be "
                + "served; nothing was done. Retry shortly.", OVERLOADED_RETRY_AFTER_SECONDS);
    }

    @Override
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        return headers;
    }
}
