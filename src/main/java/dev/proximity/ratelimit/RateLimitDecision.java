package dev.proximity.ratelimit;

import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.ConsumptionProbe;
import org.springframework.http.HttpHeaders;

/**
 * The outcome of taking a token, with the IETF {@code RateLimit} and {@code RateLimit-Policy} fields
 * (draft-ietf-httpapi-ratelimit-headers-10): the policy names the bucket, {@code q} its burst and {@code w}
 * the seconds it takes to fill up; {@code r} is what is left and {@code t} the seconds until it is full again.
 * An unenforced decision (limits off, or Redis unreachable) allows and adds no fields.
 */
public final class RateLimitDecision {

    static final RateLimitDecision UNENFORCED = new RateLimitDecision(true, null, null, 0, 0, 0);

    private final boolean allowed;
    private final LimitKind kind;
    private final RateLimitProperties.Limit limit;
    private final long remaining;
    private final long resetSeconds;
    private final long retryAfterSeconds;

    private RateLimitDecision(boolean allowed, LimitKind kind, RateLimitProperties.Limit limit, long remaining,
            long resetSeconds, long retryAfterSeconds) {
        this.allowed = allowed;
        this.kind = kind;
        this.limit = limit;
        this.remaining = remaining;
        this.resetSeconds = resetSeconds;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static RateLimitDecision of(LimitKind kind, RateLimitProperties.Limit limit, ConsumptionProbe probe) {
        return new RateLimitDecision(probe.isConsumed(), kind, limit, probe.getRemainingTokens(),
                ceilSeconds(probe.getNanosToWaitForReset()),
                Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())));
    }

    public boolean allowed() {
        return allowed;
    }

    public boolean enforced() {
        return kind != null;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * {@code RateLimit-Policy} and {@code RateLimit} as structured-field lists with one member per enforced
     * decision, plus {@code Retry-After} when one of them refused; nothing for unenforced decisions.
     */
    static HttpHeaders headersOf(List<RateLimitDecision> decisions) {
        HttpHeaders headers = new HttpHeaders();
        StringJoiner policies = new StringJoiner(", ");
        StringJoiner states = new StringJoiner(", ");
        for (RateLimitDecision decision : decisions) {
            if (!decision.enforced()) {
                continue;
            }
            String name = '"' + decision.kind.policyName() + '"';
            policies.add(name + ";q=" + decision.limit.burst() + ";w=" + decision.limit.windowSeconds());
            states.add(name + ";r=" + decision.remaining + ";t=" + decision.resetSeconds);
            if (!decision.allowed) {
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds));
            }
        }
        if (policies.length() > 0) {
            headers.set("RateLimit-Policy", policies.toString());
            headers.set("RateLimit", states.toString());
        }
        return headers;
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
