package dev.proximity.business;

import java.util.List;

import dev.proximity.system.InvalidRequestException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IfMatchTests {

    @Test
    void absentHeaderIsNull() {
        assertThat(IfMatch.parse(null)).isNull();
    }

    @Nested
    class Matching {

        @ParameterizedTest
        @ValueSource(strings = {"*", " * "})
        void starMatchesEveryVersion(String header) {
            IfMatch ifMatch = IfMatch.parse(header);
            assertThat(ifMatch.any()).isTrue();
            assertThat(ifMatch.matches(0)).isTrue();
            assertThat(ifMatch.matches(Long.MAX_VALUE)).isTrue();
        }

        @Test
        void oneTagMatchesItsVersionOnly() {
            IfMatch ifMatch = IfMatch.parse("\"3\"");
            assertThat(ifMatch).isEqualTo(new IfMatch(false, List.of("3")));
            assertThat(ifMatch.matches(3)).isTrue();
            assertThat(ifMatch.matches(2)).isFalse();
            assertThat(ifMatch.matches(33)).isFalse();
        }

        @Test
        void aListMatchesAnyOfItsTags() {
            IfMatch ifMatch = IfMatch.parse("\"1\",  \"3\" ,\"7\"");
            assertThat(ifMatch.tags()).containsExactly("1", "3", "7");
            assertThat(ifMatch.matches(1)).isTrue();
            assertThat(ifMatch.matches(3)).isTrue();
            assertThat(ifMatch.matches(7)).isTrue();
            assertThat(ifMatch.matches(2)).isFalse();
        }

        @Test
        void weakTagsNeverMatchBecauseIfMatchComparesStrongly() {
            IfMatch ifMatch = IfMatch.parse("W/\"3\"");
            assertThat(ifMatch.any()).isFalse();
            assertThat(ifMatch.tags()).isEmpty();
            assertThat(ifMatch.matches(3)).isFalse();
        }

        @Test
        void weakTagsInAListAreSkippedWhileStrongOnesStillMatch() {
            IfMatch ifMatch = IfMatch.parse("W/\"3\", \"4\"");
            assertThat(ifMatch.matches(3)).isFalse();
            assertThat(ifMatch.matches(4)).isTrue();
        }

        @Test
        void tagsThatAreNotVersionsMatchNothing() {
            IfMatch ifMatch = IfMatch.parse("\"abc\", \"\"");
            assertThat(ifMatch.matches(0)).isFalse();
        }
    }

    @Nested
    class NoneMatch {

        @Test
        void absentHeaderIsNull() {
            assertThat(IfMatch.parseNoneMatch(null)).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"3\"", "W/\"3\"", "\"1\", W/\"3\"", "*"})
        void comparesWeaklySoWeakTagsMatchToo(String header) {
            IfMatch noneMatch = IfMatch.parseNoneMatch(header);
            assertThat(noneMatch.matches(3)).isTrue();
            assertThat(noneMatch.matches(4)).isEqualTo(noneMatch.any());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "3", "W/3", "\"3"})
        void malformedIsA400NamingIfNoneMatch(String header) {
            assertThatThrownBy(() -> IfMatch.parseNoneMatch(header))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
                            e.toProblemDetail().getProperties()).extractingByKey("errors").asString()
                            .contains("If-None-Match"));
        }
    }

    @Nested
    class Malformed {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "3", "\"3", "3\"", "\"", "W/3", "w/\"3\"", "\"a\"b\"", "*, \"3\"",
                "\"1\" \"2\"", "\"1\";\"2\""})
        void isA400NamingTheHeader(String header) {
            assertThatThrownBy(() -> IfMatch.parse(header))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.toProblemDetail().getType()).hasToString("/problems/validation-failed");
                        assertThat(e.toProblemDetail().getProperties()).extractingByKey("errors")
                                .asString().contains("If-Match");
                    });
        }
    }
}
