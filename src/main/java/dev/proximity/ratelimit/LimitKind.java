package dev.proximity.ratelimit;

/** The buckets there are, each with its own name in the Redis key and in the RateLimit headers. */
public enum LimitKind {
    SEARCH("search"),
    WRITES("writes"),
    SIGN_IN_EMAIL("sign-in-email"),
    SIGN_IN_CLIENT("sign-in-client");

    private final String policyName;

    LimitKind(String policyName) {
        this.policyName = policyName;
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
