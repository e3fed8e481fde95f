package dev.proximity.business;

import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Names must show something; websites may use internationalised host names. */
class BusinessRequestValidationExtraTests {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    static BusinessRequest named(String name, String website) {
        return new BusinessRequest(name, "cafe", 1.0, 2.0, null, null, null, null, null, null, website, null,
                List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\u200B\u200C\u200D", "\u00A0", "\u2060\uFEFF"})
    void refusesNamesWithoutAVisibleCharacter(String invisible) {
        assertThat(VALIDATOR.validate(named(invisible, null)))
                .anyMatch(v -> v.getPropertyPath().toString().equals("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7-Eleven", "\u200Bcafe", "\uD83C\uDF55", "\u05E7\u05E4\u05D4", "!"})
    void acceptsNamesWithSomethingToSee(String name) {
        assertThat(VALIDATOR.validate(named(name, null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://\uC608\uC2DC.kr", "http://b\u00FCcher.example/path?q=1", "https://xn--9n2bp8q.kr"})
    void acceptsInternationalisedHostNames(String website) {
        assertThat(VALIDATOR.validate(named("Cafe", website))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://", "https://user@/x", "javascript://%0aalert(1)"})
    void stillRefusesUrlsWithoutAHost(String website) {
        assertThat(VALIDATOR.validate(named("Cafe", website)))
                .anyMatch(v -> v.getPropertyPath().toString().equals("website"));
    }
}
