package dev.proximity.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The token keys of a rotation: one key signs new tokens, and it and any number of further keys verify them
 * ({@code proximity.security.token.signing-key} and {@code .verification-keys}). Each key is known by an id
 * derived from it (an HMAC of a fixed label, 64 bits), written as the token's {@code kid}, so a token names
 * the key it needs and nobody has to choose or keep ids. Tokens from before ids existed carry none; they are
 * checked against every key.
 */
final class TokenKeys {

    private final JWK signing;
    private final List<JWK> verifying;

    private TokenKeys(JWK signing, List<JWK> verifying) {
        this.signing = signing;
        this.verifying = List.copyOf(verifying);
    }

    /** {@code signingKey} signs and verifies; {@code verificationKeys} (duplicates aside) only verify. */
    static TokenKeys of(SecretKey signingKey, List<SecretKey> verificationKeys) {
        JWK signing = jwk(signingKey);
        List<JWK> verifying = new ArrayList<>(List.of(signing));
        for (SecretKey key : verificationKeys) {
            if (verifying.stream().noneMatch(known -> known.getKeyID().equals(idOf(key)))) {
                verifying.add(jwk(key));
            }
        }
        return new TokenKeys(signing, verifying);
    }

    /** The id of the key that signs new tokens. */
    String signingKeyId() {
        return signing.getKeyID();
    }

    JWKSource<SecurityContext> signingSource() {
        return new ImmutableJWKSet<>(new JWKSet(signing));
    }

    JWKSource<SecurityContext> verificationSource() {
        return new ImmutableJWKSet<>(new JWKSet(verifying));
    }

    /** The {@code kid} of a key: the first 8 bytes of HMAC-SHA256(key, label), base64url. */
    static String idOf(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] id = mac.doFinal("proximity/token/key-id/v1".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(id, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static JWK jwk(SecretKey key) {
        return new OctetSequenceKey.Builder(key).keyID(idOf(key)).algorithm(JWSAlgorithm.HS256)
                .keyUse(KeyUse.SIGNATURE).build();
    }
}
