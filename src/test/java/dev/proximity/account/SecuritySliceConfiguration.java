package dev.proximity.account;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The API's security rules and token settings, for {@code @WebMvcTest} slices in other packages. Tests set
 * {@code proximity.security.token.signing-key}, so no embedded data directory is needed for the key.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties(TokenProperties.class)
public class SecuritySliceConfiguration {

    /** A base64 32-byte HMAC key for tests only. */
    public static final String TEST_SIGNING_KEY = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LTMyLWJ5dGVzISE=";
}
