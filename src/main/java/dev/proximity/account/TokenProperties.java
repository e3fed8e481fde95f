package dev.proximity.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingKey base64 HMAC-SHA256 key (at least 32 bytes) shared by every instance. Unset in the
 *                   embedded mode, one is generated once and kept in the data directory; unset in
 *                   production, the app refuses to start.
 * @param ttl        how long an access token is valid
 * @param issuer     the {@code iss} claim written and required
 */
@ConfigurationProperties("proximity.security.token")
record TokenProperties(String signingKey, @DefaultValue("1h") Duration ttl,
        @DefaultValue("proximity") String issuer) {
}
