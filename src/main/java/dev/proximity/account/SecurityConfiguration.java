package dev.proximity.account;

import java.util.Map;

import javax.crypto.SecretKey;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.system.ProblemResponseWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static dev.proximity.system.ProblemException.typeOf;

/**
 * The API is stateless: every write carries {@code Authorization: Bearer <token>}, no session or cookie
 * exists, so CSRF does not apply. Reads of public data need no token. 401 and 403 are problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponseWriter problems) throws Exception {
        http.securityMatcher("/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless and token-only: no saved request to replay after a sign-in and no logout URL, so
                // neither filter has to look at every search. (The servlet security API stays: handlers take
                // the Authentication as a parameter, which Spring MVC reads from request.getUserPrincipal().)
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                // Only the calls that act for an owner need a token; anything else (public reads, unknown
                // paths, wrong methods) goes on to be answered 200/404/405 as it deserves.
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/v1/businesses", "/v1/businesses/import").authenticated()
                        .requestMatchers(HttpMethod.GET, "/v1/businesses/imports/*").authenticated()
                        .requestMatchers(HttpMethod.PUT, "/v1/businesses/*").authenticated()
                        .requestMatchers(HttpMethod.DELETE, "/v1/businesses/*").authenticated()
                        .requestMatchers("/v1/owners/me", "/v1/owners/me/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(request, response, problem(HttpStatus.UNAUTHORIZED, "unauthorized",
                                    "Authentication required", "A valid bearer token is required"));
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                        "You are not allowed to do this"))))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(request, response, problem(HttpStatus.UNAUTHORIZED, "unauthorized",
                                    "Authentication required", "A valid bearer token is required"));
                        }));
        return http.build();
    }

    /**
     * String patterns in the security chains ({@code securityMatcher}, {@code requestMatchers}) are plain path
     * patterns. Without this bean Spring Security matches them with Spring MVC's handler mappings, per rule and
     * per request, a cost every search paid for rules that only concern writes.
     */
    @Bean
    PathPatternRequestMatcher.Builder securityPathPatterns() {
        return PathPatternRequestMatcher.withDefaults();
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeOf(slug));
        problem.setTitle(title);
        return problem;
    }

    private static JwtAuthenticationConverter rolesConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(TokenService.ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    @Bean
    SecretKey tokenSigningKey(TokenProperties properties, ObjectProvider<EmbeddedServers> embedded) {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            return SigningKeys.fromConfiguration(properties.signingKey());
        }
        EmbeddedServers servers = embedded.getIfAvailable();
        if (servers == null) {
            throw new IllegalStateException("Set proximity.security.token.signing-key (base64, at least 32 bytes)"
                    + " so that every instance signs and checks tokens with the same key");
        }
        return SigningKeys.fromDataDir(servers.dataDir());
    }

    /** The signing key and, during a rotation, the further keys whose tokens are still accepted. */
    @Bean
    TokenKeys tokenKeys(SecretKey tokenSigningKey, TokenProperties properties) {
        return TokenKeys.of(tokenSigningKey, properties.verificationKeys().stream()
                .filter(key -> !key.isBlank())
                .map(key -> SigningKeys.fromConfiguration(key, SigningKeys.VERIFICATION_KEYS_PROPERTY))
                .toList());
    }

    @Bean
    JwtEncoder jwtEncoder(TokenKeys tokenKeys) {
        return new NimbusJwtEncoder(tokenKeys.signingSource());
    }

    /**
     * HS256 only, with any key of {@link TokenKeys}: the one a token's {@code kid} names, or (tokens from before
     * key ids) each in turn. Claims (expiry, issuer) are checked by Spring's validators, as before.
     */
    @Bean
    JwtDecoder jwtDecoder(TokenKeys tokenKeys, TokenProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                tokenKeys.verificationSource()));
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        return decoder;
    }

    /**
     * Argon2id memory cost in KiB (19 MiB), with {@link #ARGON2_ITERATIONS} passes and one lane: the OWASP
     * Password Storage Cheat Sheet's minimum for Argon2id ("a minimum configuration of 19 MiB of memory, an
     * iteration count of 2, and 1 degree of parallelism",
     * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html). Spring's
     * {@code defaultsForSpringSecurity_v5_8()}, used before, is 16 MiB and 2 passes, below it. Every hash holds
     * this much heap while it runs: {@link PasswordHashingProperties} bounds how many run at once.
     */
    static final int ARGON2_MEMORY_KIB = 19 * 1024;
    static final int ARGON2_ITERATIONS = 2;
    static final int ARGON2_PARALLELISM = 1;
    private static final int ARGON2_SALT_BYTES = 16;
    private static final int ARGON2_HASH_BYTES = 32;

    /**
     * Argon2id for new hashes. A stored hash names its own settings, so hashes made with older ones (Spring's
     * 16 MiB defaults, or bcrypt) still verify, and a successful sign-in replaces them
     * ({@code upgradeEncoding}: a lower memory cost or fewer passes than these).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", new Argon2PasswordEncoder(ARGON2_SALT_BYTES, ARGON2_HASH_BYTES, ARGON2_PARALLELISM,
                        ARGON2_MEMORY_KIB, ARGON2_ITERATIONS),
                "bcrypt", new BCryptPasswordEncoder()));
    }
}
