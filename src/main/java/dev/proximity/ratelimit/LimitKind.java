package dev.proximity.ratelimit;

/** The buckets there are, each with its own name in the Redis key and in the RateLimit headers. */
public enum LimitKind {
    SEARCH("search", true),
    WRITES("writes", false),
    SIGN_IN_EMAIL("sign-in-email", false),
    SIGN_IN_CLIENT("sign-in-client", true);

    private final String policyName;
    private final boolean perClientAddress;

    LimitKind(String policyName, boolean perClientAddress) {
        this.policyName = policyName;
        this.perClientAddress = perClientAddress;
    }

    /** Whether the subject is a client address (bucketed per IPv4 address or IPv6 /64). */
    boolean perClientAddress() {
        return perClientAddress;
    }

    String policyName() {
        return policyName;
    }

    RateLimitProperties.Limit limitIn(RateLimitProperties properties) {
        switch (this) {
            case SEARCH:
                return properties.search();
            case WRITES:
                return properties.writes();
            case SIGN_IN_EMAIL:
                return properties.signInEmail();
            default:
                return properties.signInClient();
        }
    }
}
