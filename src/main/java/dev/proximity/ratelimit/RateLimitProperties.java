package dev.proximity.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled      master switch; {@code false} turns every limit off (load benchmarks run that way)
 * @param search       searches per client address (an IPv4 address, or an IPv6 /64)
 * @param writes       creates, replacements, deletes and imports per owner
 * @param signInEmail  sign-in attempts per e-mail address (in any case or Unicode form), by the API and the form
 * @param signInClient sign-in attempts and registrations per client address, by the API and the forms
 */
@ConfigurationProperties("proximity.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, Limit search, Limit writes,
        Limit signInEmail, Limit signInClient) {

    static final Limit SEARCH_DEFAULT = new Limit(20L, Duration.ofSeconds(1), 40L);
    static final Limit WRITES_DEFAULT = new Limit(10L, Duration.ofSeconds(1), 30L);
    static final Limit SIGN_IN_EMAIL_DEFAULT = new Limit(5L, Duration.ofMinutes(1), 5L);
    static final Limit SIGN_IN_CLIENT_DEFAULT = new Limit(30L, Duration.ofMinutes(1), 30L);

    public RateLimitProperties {
        search = Limit.orDefault(search, SEARCH_DEFAULT);
        writes = Limit.orDefault(writes, WRITES_DEFAULT);
        signInEmail = Limit.orDefault(signInEmail, SIGN_IN_EMAIL_DEFAULT);
        signInClient = Limit.orDefault(signInClient, SIGN_IN_CLIENT_DEFAULT);
    }

    /**
     * A token bucket: {@code rate} tokens come back every {@code per} (spread evenly), and at most
     * {@code burst} can be saved up. Each request takes one.
     */
    public record Limit(Long rate, Duration per, Long burst) {

        public Limit {
            if (rate != null && rate <= 0 || burst != null && burst <= 0
                    || per != null && (per.isNegative() || per.isZero())) {
                throw new IllegalArgumentException("a rate limit needs a positive rate, period and burst");
            }
        }

        static Limit orDefault(Limit configured, Limit fallback) {
            if (configured == null) {
                return fallback;
            }
            return new Limit(configured.rate == null ? fallback.rate : configured.rate,
                    configured.per == null ? fallback.per : configured.per,
                    configured.burst == null ? fallback.burst : configured.burst);
        }

        /** Seconds an empty bucket takes to fill up again: the window of the {@code RateLimit-Policy}. */
        long windowSeconds() {
            double seconds = (double) burst * per.toNanos() / rate / 1e9;
            return Math.max(1, (long) Math.ceil(seconds));
        }
    }
}
