package dev.proximity.ratelimit;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** 429 with {@code Retry-After} and the RateLimit fields of the bucket that ran dry. */
final class RateLimitedException extends ProblemException {

    private final transient HttpHeaders headers;

    private RateLimitedException(HttpHeaders headers, String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail);
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
    }

    static RateLimitedException refused(RateLimitDecision decision, HttpHeaders headers) {
        return new RateLimitedException(headers, "Too many requests; retry after "
                + decision.retryAfterSeconds() + " s");
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }
}
