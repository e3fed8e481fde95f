package dev.proximity.account;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingKey       base64 HMAC-SHA256 key (at least 32 bytes) shared by every instance: signs new tokens
 *                         and verifies them. Unset in the embedded mode, one is generated once and kept in the
 *                         data directory; unset in production, the app refuses to start.
 * @param verificationKeys further base64 keys whose tokens are still accepted, never used to sign: during a
 *                         rotation, the key being retired (and, before the switch, the one coming in), so no
 *                         owner is signed out. Empty outside a rotation.
 * @param ttl              how long an access token is valid; also how long a retired key must stay listed
 * @param issuer           the {@code iss} claim written and required
 */
@ConfigurationProperties("proximity.security.token")
record TokenProperties(String signingKey, @DefaultValue List<String> verificationKeys,
        @DefaultValue("1h") Duration ttl, @DefaultValue("proximity") String issuer) {
}
