package dev.proximity.account;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of value the owner pages keep in their session, through the session serializer and back. */
class SessionJsonTests {

    private final RedisSerializer<Object> json = new SessionJsonConfiguration().springSessionDefaultRedisSerializer();

    @Test
    void theSignedInSecurityContextRoundTrips() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("203.0.113.9");
        UsernamePasswordAuthenticationToken authentication =
                OwnerPasswordAuthenticationProvider.signedIn(new AuthenticatedOwner(7049123456789012345L, true));
        authentication.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));

        SecurityContext read = (SecurityContext) roundTrip(new SecurityContextImpl(authentication));

        assertThat(read.getAuthentication().getPrincipal()).isEqualTo(new AuthenticatedOwner(7049123456789012345L, true));
        assertThat(read.getAuthentication().getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
        assertThat(read.getAuthentication().isAuthenticated()).isTrue();
        assertThat(read.getAuthentication().getCredentials()).isNull();
    }

    @Test
    void theCsrfTokenAndTheHeaderNameRoundTrip() {
        CsrfToken token = (CsrfToken) roundTrip(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "secret-value"));
        assertThat(token.getToken()).isEqualTo("secret-value");
        assertThat(roundTrip(new SignedInOwner("Mina", "mina@example.com")))
                .isEqualTo(new SignedInOwner("Mina", "mina@example.com"));
    }

    @Test
    void flashMapsKeepTheirTargetAndExpiry() {
        FlashMap flash = new FlashMap();
        flash.put("notice", "Added \u201cCaf\u00e9\u201d.");
        flash.setTargetRequestPath("/owner/businesses");
        flash.addTargetRequestParam("page", "2");
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/owner/businesses/new");
        new SessionFlashMapManager().saveOutputFlashMap(flash, request, new MockHttpServletResponse());
        Object stored = request.getSession().getAttribute(SessionFlashMapManager.class.getName() + ".FLASH_MAPS");

        @SuppressWarnings("unchecked")
        List<FlashMap> read = (List<FlashMap>) roundTrip(stored);

        FlashMap back = read.get(0);
        assertThat(back.get("notice")).isEqualTo("Added \u201cCaf\u00e9\u201d.");
        assertThat(back.getTargetRequestPath()).isEqualTo("/owner/businesses");
        assertThat(back.getTargetRequestParams().get("page")).containsExactly("2");
        assertThat(back.getExpirationTime()).isEqualTo(flash.getExpirationTime());
        assertThat(back.isExpired()).isFalse();
    }

    @Test
    void sessionTimesRoundTripAsTheNumbersSpringSessionCasts() {
        assertThat(roundTrip(1_733_500_000_000L)).isEqualTo(1_733_500_000_000L);
        assertThat(roundTrip(1800)).isEqualTo(1800);
    }

    @Test
    void classesOutsideTheAllowlistAndJavaSerializationAreRefused() {
        assertThatThrownBy(() -> json.deserialize(
                "{\"@class\":\"java.net.URL\",\"protocol\":\"http\",\"host\":\"example.com\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> json.deserialize(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x74, 0, 1, 0x78}))
                .isInstanceOf(SerializationException.class);
    }

    private Object roundTrip(Object value) {
        byte[] bytes = json.serialize(value);
        assertThat(bytes[0]).as(new String(bytes, StandardCharsets.UTF_8)).isNotEqualTo((byte) 0xAC);
        return json.deserialize(bytes);
    }
}
