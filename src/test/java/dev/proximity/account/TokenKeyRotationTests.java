package dev.proximity.account;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.TestPropertySource;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rotating the token signing key without signing every owner out: the new key signs, the old one stays in
 * {@code proximity.security.token.verification-keys} for a token lifetime, then goes. Tokens of the old key
 * are made here as the app made them before key ids (no {@code kid}) and with the old key's {@code kid}.
 */
@ApiIntegrationTest
class TokenKeyRotationTests {

    /** Base64 of "the signing key before the rotation, 32+ bytes" and so on: test keys only. */
    static final String OLD_KEY = "dGhlIHNpZ25pbmcga2V5IGJlZm9yZSB0aGUgcm90YXRpb24sIDMyKyBieXRlcw==";
    static final String NEW_KEY = "dGhlIHNpZ25pbmcga2V5IGFmdGVyIHRoZSByb3RhdGlvbiwgMzIgYnl0ZXMgKw==";
    static final String OTHER_KEY = "YSBrZXkgdGhpcyBkZXBsb3ltZW50IG5ldmVyIGxpc3RlZCwgMzIgYnl0ZXMgKw==";

    /** Mid-rotation: the new key signs, the old one is still listed. */
    @Nested
    @TestPropertySource(properties = {"proximity.security.token.signing-key=" + NEW_KEY,
            "proximity.security.token.verification-keys=" + OLD_KEY})
    class WhileTheOldKeyIsListed {

        // here, not in the enclosing class: its instance is injected from the enclosing class's own context
        @LocalServerPort
        int port;

        ApiClient api;

        @BeforeEach
        void client() {
            api = new ApiClient(port);
        }

        @Test
        void tokensSignedWithTheOldKeyAreStillAccepted() {
            ApiClient.Owner owner = api.newOwner();
            for (String token : new String[] {token(OLD_KEY, owner.id(), false), token(OLD_KEY, owner.id(), true)}) {
                ApiClient.Response me = api.get("/v1/owners/me", "Authorization", "Bearer " + token);
                assertThat(me.status()).as(me.body()).isEqualTo(200);
                assertThat(me.json().get("id").asText()).isEqualTo(owner.id());
            }
        }

        @Test
        void newTokensAreSignedWithTheNewKeyAndNameIt() throws IOException {
            ApiClient.Owner owner = api.newOwner();
            assertThat(header(owner.token()).get("kid").asText()).isEqualTo(TokenKeys.idOf(key(NEW_KEY)));
            assertThat(NimbusJwtDecoder.withSecretKey(key(NEW_KEY)).build().decode(owner.token()).getSubject())
                    .isEqualTo(owner.id());
            assertThatThrownBy(() -> NimbusJwtDecoder.withSecretKey(key(OLD_KEY)).build().decode(owner.token()))
                    .isInstanceOf(BadJwtException.class);
            assertThat(api.get("/v1/owners/me", owner.auth()).status()).isEqualTo(200);
        }

        @Test
        void tokensOfAKeyThatWasNeverListedAreRefused() {
            ApiClient.Owner owner = api.newOwner();
            for (boolean withKeyId : new boolean[] {false, true}) {
                assertProblem(api.get("/v1/owners/me", "Authorization",
                        "Bearer " + token(OTHER_KEY, owner.id(), withKeyId)), 401, "unauthorized");
            }
        }
    }

    /** After the rotation: the old key has been removed from the list. */
    @Nested
    @TestPropertySource(properties = "proximity.security.token.signing-key=" + NEW_KEY)
    class OnceTheOldKeyIsRemoved {

        // here, not in the enclosing class: its instance is injected from the enclosing class's own context
        @LocalServerPort
        int port;

        ApiClient api;

        @BeforeEach
        void client() {
            api = new ApiClient(port);
        }

        @Test
        void tokensSignedWithTheOldKeyAreRefused() {
            ApiClient.Owner owner = api.newOwner();
            for (boolean withKeyId : new boolean[] {false, true}) {
                assertProblem(api.get("/v1/owners/me", "Authorization",
                        "Bearer " + token(OLD_KEY, owner.id(), withKeyId)), 401, "unauthorized");
            }
            assertThat(api.get("/v1/owners/me", "Authorization", "Bearer " + token(NEW_KEY, owner.id(), true))
                    .status()).as("a token of the key that signs now").isEqualTo(200);
        }
    }

    /** A token as the app signs them: HS256, issuer, owner id, role, an hour; a {@code kid} if asked. */
    static String token(String base64Key, String ownerId, boolean withKeyId) {
        SecretKey key = key(base64Key);
        JwsHeader.Builder header = JwsHeader.with(MacAlgorithm.HS256);
        JWKSource<SecurityContext> keys = new ImmutableSecret<>(key);
        if (withKeyId) {
            header.keyId(TokenKeys.idOf(key));
            keys = new ImmutableJWKSet<>(new JWKSet(new OctetSequenceKey.Builder(key).keyID(TokenKeys.idOf(key))
                    .build()));
        }
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("proximity").subject(ownerId).issuedAt(now)
                .expiresAt(now.plusSeconds(3600)).claim(TokenService.ROLES_CLAIM, List.of("OWNER")).build();
        return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(header.build(), claims)).getTokenValue();
    }

    private static JsonNode header(String token) throws IOException {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
    }

    private static SecretKey key(String base64) {
        return new SecretKeySpec(Base64.getDecoder().decode(base64), "HmacSHA256");
    }
}
