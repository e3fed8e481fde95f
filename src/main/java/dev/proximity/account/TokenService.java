package dev.proximity.account;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/**
 * Issues access tokens: the subject is the owner id, {@code roles} their role, and the header's {@code kid}
 * names the signing key ({@link TokenKeys}).
 */
@Service
class TokenService {

    static final String ROLES_CLAIM = "roles";

    private final JwtEncoder encoder;
    private final TokenProperties properties;
    private final String keyId;
    private final Clock clock;

    TokenService(JwtEncoder encoder, TokenProperties properties, TokenKeys keys) {
        this.encoder = encoder;
        this.properties = properties;
        this.keyId = keys.signingKeyId();
        this.clock = Clock.systemUTC();
    }

    TokenResponse issue(long ownerId, Role role) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(Long.toString(ownerId))
                .issuedAt(now)
                .expiresAt(now.plus(properties.ttl()))
                .claim(ROLES_CLAIM, List.of(role.name()))
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).keyId(keyId).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new TokenResponse(token, "Bearer", properties.ttl().toSeconds());
    }
}
