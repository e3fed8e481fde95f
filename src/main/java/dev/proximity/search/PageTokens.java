package dev.proximity.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.proximity.system.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * Opaque, tamper-proof page tokens: the cursor (last distance, last id) plus an HMAC-SHA256 over a domain tag,
 * the query the token was issued for ({@link PagedQuery#binding()}) and the cursor. The MAC key is derived
 * from the instance-shared signing key with its own label, so a page token can never pass as an access token
 * or the other way round, and every instance accepts every other instance's tokens.
 */
@Component
class PageTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 32;
    private static final int TOKEN_BYTES = 1 + 8 + 8 + MAC_BYTES;

    /**
     * One keyed MAC per thread: looking up the provider and keying a new {@code Mac} for every page cost more
     * than the MAC itself. {@code doFinal} leaves it ready for the next token.
     */
    private final ThreadLocal<Mac> macs;

    PageTokens(SecretKey tokenSigningKey) {
        SecretKeySpec key = new SecretKeySpec(keyed(new SecretKeySpec(tokenSigningKey.getEncoded(), ALGORITHM))
                .doFinal("proximity/search/page-token-key/v1".getBytes(StandardCharsets.UTF_8)), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> keyed(key));
    }

    String issue(PagedQuery query, PageCursor cursor) {
        ByteBuffer token = ByteBuffer.allocate(TOKEN_BYTES);
        token.put(VERSION).putLong(Double.doubleToLongBits(cursor.distanceMeters())).putLong(cursor.id());
        token.put(mac(query, cursor));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** The cursor of a token issued for this very query; a 400 naming {@code pageToken} otherwise. */
    PageCursor parse(PagedQuery query, String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (bytes.length != TOKEN_BYTES || bytes[0] != VERSION) {
            throw invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, 16);
        double distance = Double.longBitsToDouble(buffer.getLong());
        PageCursor cursor = new PageCursor(distance, buffer.getLong());
        byte[] given = new byte[MAC_BYTES];
        System.arraycopy(bytes, 17, given, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(given, mac(query, cursor)) || !(distance >= 0)) {
            throw invalid();
        }
        return cursor;
    }

    private byte[] mac(PagedQuery query, PageCursor cursor) {
        byte[] binding = ("nearby-page/v1|" + query.binding() + '|'
                + Double.doubleToLongBits(cursor.distanceMeters()) + '|' + cursor.id())
                .getBytes(StandardCharsets.UTF_8);
        return macs.get().doFinal(binding);
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvalidRequestException invalid() {
        return InvalidRequestException.invalidField("pageToken",
                "is not a token issued for this search (tampered, or the query parameters differ)");
    }
}
