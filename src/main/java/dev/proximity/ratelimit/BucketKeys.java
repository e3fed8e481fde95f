package dev.proximity.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Redis keys of the buckets: {@code px:v1:rl:<limit>:<hash>}, where the hash is an HMAC-SHA256 (128 bits kept)
 * of the client address, e-mail or owner id under a key derived from the shared signing key. Every instance
 * computes the same key, and Redis never holds an address or an e-mail in the clear.
 */
final class BucketKeys {

    static final String PREFIX = "px:v1:rl:";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    BucketKeys(SecretKey signingKey) {
        this.key = new SecretKeySpec(macWith(new SecretKeySpec(signingKey.getEncoded(), ALGORITHM))
                .doFinal("proximity/rate-limit/bucket-key/v1".getBytes(StandardCharsets.UTF_8)), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> macWith(key));
    }

    String keyOf(LimitKind kind, String subject) {
        byte[] mac = macs.get().doFinal(subject.getBytes(StandardCharsets.UTF_8));
        byte[] kept = new byte[16];
        System.arraycopy(mac, 0, kept, 0, kept.length);
        return PREFIX + kind.policyName() + ':' + Base64.getUrlEncoder().withoutPadding().encodeToString(kept);
    }

    private static Mac macWith(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
