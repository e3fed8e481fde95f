package dev.proximity.business;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.proximity.system.InvalidRequestException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerPageTokenTests {

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @ValueSource(longs = {1, 42, 7049123456789012345L, Long.MAX_VALUE})
        void readsBackTheIdItWasMadeFrom(long lastId) {
            String token = OwnerPageToken.after(lastId);
            assertThat(OwnerPageToken.parse(token)).isEqualTo(lastId);
        }

        @Test
        void tokensAreUrlSafe() {
            assertThat(OwnerPageToken.after(7049123456789012345L)).matches("[A-Za-z0-9_-]+");
        }

        @Test
        void noTokenStartsAtTheTop() {
            assertThat(OwnerPageToken.parse(null)).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Nested
    class Rejected {

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "!!!", "%%", "not a token", "b2Ix", "ob1:42"})
        void garbageIsA400(String token) {
            assertRejected(token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ob1:", "ob1:abc", "ob1:-5", "ob1:0", "ob2:42", "OB1:42", "ob1:42x",
                "ob1:9223372036854775808", "xob1:42"})
        void tamperedContentIsA400(String plain) {
            assertRejected(encode(plain));
        }

        @Test
        void aTokenWithACharacterFlippedIsA400() {
            String token = OwnerPageToken.after(12345);
            String tampered = "A" + token.substring(1); // breaks the "ob1:" prefix
            assertRejected(tampered);
        }

        private void assertRejected(String token) {
            assertThatThrownBy(() -> OwnerPageToken.parse(token))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.toProblemDetail().getProperties()).extractingByKey("errors")
                                .asString().contains("pageToken");
                    });
        }
    }
}
