package dev.proximity.ratelimit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one token from a bucket shared by every instance. Redis trouble (a 200 ms timeout, or the open
 * {@code redis} circuit breaker) lets the request through: an outage of Redis must not become an outage of
 * the API. The first failure is logged once, and so is the recovery.
 */
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RateLimitProperties properties;
    private final ProxyManager<String> buckets;
    private final BucketKeys keys;
    private final CircuitBreaker redisBreaker;
    private final Runnable onRedisFailure;
    private final Map<LimitKind, BucketConfiguration> configurations = new EnumMap<>(LimitKind.class);
    private final AtomicBoolean failingOpen = new AtomicBoolean();

    RateLimiter(RateLimitProperties properties, ProxyManager<String> buckets, BucketKeys keys,
            CircuitBreaker redisBreaker, Runnable onRedisFailure) {
        this.properties = properties;
        this.buckets = buckets;
        this.keys = keys;
        this.redisBreaker = redisBreaker;
        this.onRedisFailure = onRedisFailure;
        for (LimitKind kind : LimitKind.values()) {
            RateLimitProperties.Limit limit = kind.limitIn(properties);
            configurations.put(kind, BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(limit.burst()).refillGreedy(limit.rate(), limit.per()))
                    .build());
        }
    }

    /**
     * Takes a token for {@code subject} and says what is left. The subject is a client address
     * ({@code ClientAddress}; IPv6 ones share a bucket per /64, see {@link AddressBuckets}), an owner id, or
     * an e-mail address in the one canonical form that sign-in also looks owners up by (the caller's
     * {@code EmailKey}: this class compares e-mails as given, so there is no second notion of "the same").
     */
    public RateLimitDecision consume(LimitKind kind, String subject) {
        if (!properties.enabled()) {
            return RateLimitDecision.UNENFORCED;
        }
        String key = keys.keyOf(kind, kind.perClientAddress() ? AddressBuckets.of(subject) : subject);
        ConsumptionProbe probe;
        try {
            probe = redisBreaker.executeSupplier(() -> buckets.getProxy(key, () -> configurations.get(kind))
                    .tryConsumeAndReturnRemaining(1));
        } catch (RuntimeException e) {
            if (failingOpen.compareAndSet(false, true)) {
                log.warn("Redis unreachable: rate limits are not enforced until it is back ({})",
                        e.getClass().getSimpleName());
            }
            onRedisFailure.run();
            return RateLimitDecision.UNENFORCED;
        }
        if (failingOpen.compareAndSet(true, false)) {
            log.info("Redis reachable again: rate limits are enforced");
        }
        return RateLimitDecision.of(kind, kind.limitIn(properties), probe);
    }

    /** Takes a token and writes the RateLimit fields on {@code response}, or throws the 429. */
    public void enforce(LimitKind kind, String subject, HttpServletResponse response) {
        enforce(response, new Take(kind, subject));
    }

    /**
     * Takes a token from each bucket in turn, stopping at the first that is empty (429 naming the buckets
     * asked so far); otherwise writes every bucket's state as one RateLimit list.
     */
    public void enforce(HttpServletResponse response, Take... takes) {
        List<RateLimitDecision> decisions = new ArrayList<>(takes.length);
        for (Take take : takes) {
            RateLimitDecision decision = consume(take.kind(), take.subject());
            decisions.add(decision);
            if (!decision.allowed()) {
                throw RateLimitedException.refused(decision, RateLimitDecision.headersOf(decisions));
            }
        }
        RateLimitDecision.headersOf(decisions).forEach((name, values) -> response.setHeader(name, values.get(0)));
    }

    /** One bucket to take a token from: the kind of limit, and whose bucket. */
    public record Take(LimitKind kind, String subject) {
    }
}
