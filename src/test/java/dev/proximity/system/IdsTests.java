package dev.proximity.system;

import java.util.OptionalLong;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTests {

    @Nested
    class WellFormed {

        @Test
        void readsDigits() {
            assertThat(Ids.parse("7049123456789012345", "id")).hasValue(7049123456789012345L);
            assertThat(Ids.parse("1", "id")).hasValue(1);
        }

        @Test
        void readsTheLargestId() {
            assertThat(Ids.parse(Long.toString(Long.MAX_VALUE), "id")).hasValue(Long.MAX_VALUE);
        }

        @Test
        void formatThenParseIsTheIdentity() {
            long id = 123_456_789_012_345L;
            assertThat(Ids.parse(Ids.format(id), "id")).hasValue(id);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "000", "9223372036854775808", "99999999999999999999",
                "999999999999999999999999999999"})
        void digitsThatNameNothingAreEmpty(String text) {
            // zero, or too large for 64 bits (the last is 30 digits, the longest accepted)
            assertThat(Ids.parse(text, "id")).isEqualTo(OptionalLong.empty());
        }
    }

    @Nested
    class Malformed {

        @ParameterizedTest
        @ValueSource(strings = {"", "abc", "12a", "0x1F", "-1", "+1", "1.0", "1e3", " 1", "1 ", "١٢٣", "１２"})
        void rejectsAnythingButDecimalDigits(String text) {
            assertThatThrownBy(() -> Ids.parse(text, "ownerId"))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.toProblemDetail().getType()).hasToString("/problems/malformed-id");
                        assertThat(e.getMessage()).startsWith("ownerId ");
                    });
        }

        @Test
        void rejectsNull() {
            assertThatThrownBy(() -> Ids.parse(null, "id")).isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void rejectsMoreThanThirtyDigits() {
            String thirtyOne = "1".repeat(31);
            assertThatThrownBy(() -> Ids.parse(thirtyOne, "id")).isInstanceOf(InvalidRequestException.class);
        }
    }
}
