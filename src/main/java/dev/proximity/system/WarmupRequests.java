package dev.proximity.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * Marks the requests an instance sends to itself to warm up before it reports ready: they carry a header with a
 * token made at start-up that never leaves the process, so rate limits and the access log can leave them out
 * without anyone else being able to pass as one.
 */
@Component
public final class WarmupRequests {

    public static final String HEADER = "X-Proximity-Warmup";

    private final String token;

    public WarmupRequests() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The header value of this instance's own warm-up requests. */
    public String token() {
        return token;
    }

    public boolean isWarmup(HttpServletRequest request) {
        return matches(request.getHeader(HEADER));
    }

    /** Whether a header value is this instance's token (compared in constant time). */
    public boolean matches(String headerValue) {
        return headerValue != null && MessageDigest.isEqual(headerValue.getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
