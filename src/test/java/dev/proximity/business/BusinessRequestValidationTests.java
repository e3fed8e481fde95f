package dev.proximity.business;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessRequestValidationTests {

    /** U+1F35C STEAMING BOWL: one code point, two UTF-16 chars. */
    private static final String NOODLES = "\uD83C\uDF5C";

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    /** A valid request; each test changes one thing. */
    private static Builder valid() {
        return new Builder();
    }

    private static Set<String> invalidFields(BusinessRequest request) {
        Set<ConstraintViolation<BusinessRequest>> violations = validator.validate(request);
        return violations.stream().map(v -> v.getPropertyPath().toString())
                .collect(Collectors.toSet());
    }

    private static void assertValid(BusinessRequest request) {
        assertThat(validator.validate(request)).isEmpty();
    }

    private static void assertOnlyInvalid(BusinessRequest request, String field) {
        assertThat(invalidFields(request)).containsExactly(field);
    }

    @Test
    void theBaselineRequestIsValid() {
        assertValid(valid().build());
    }

    @Nested
    class Name {

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t\n", "\u3000"})
        void blankIsInvalid(String name) {
            assertOnlyInvalid(valid().name(name).build(), "name");
        }

        @Test
        void missingIsInvalid() {
            assertOnlyInvalid(valid().name(null).build(), "name");
        }

        @Test
        void twoHundredCodePointsAreAllowedEvenWhenTheyAreFourHundredChars() {
            String name = NOODLES.repeat(200);
            assertThat(name.length()).isEqualTo(400);
            assertValid(valid().name(name).build());
        }

        @Test
        void twoHundredAndOneCodePointsAreTooMany() {
            assertOnlyInvalid(valid().name(NOODLES.repeat(201)).build(), "name");
            assertOnlyInvalid(valid().name("a".repeat(201)).build(), "name");
        }

        @Test
        void isCountedAfterTrimming() {
            BusinessRequest request = valid().name("   " + "a".repeat(200) + "   ").build();
            assertThat(request.name()).hasSize(200);
            assertValid(request);
        }
    }

    @Nested
    class Category {

        @ParameterizedTest
        @ValueSource(strings = {"cafe", "coffee_shop", "k-bbq", "24h", "a"})
        void lowerCaseCodesAreValid(String category) {
            assertValid(valid().category(category).build());
        }

        @Test
        void fiftyCharactersAreTheMost() {
            assertValid(valid().category("a".repeat(50)).build());
            assertOnlyInvalid(valid().category("a".repeat(51)).build(), "category");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Cafe", "CAFE", "café", "coffee shop", "cafe\n", "cafe.bar", "카페"})
        void anythingElseIsInvalid(String category) {
            assertOnlyInvalid(valid().category(category).build(), "category");
        }

        @Test
        void missingIsInvalid() {
            assertOnlyInvalid(valid().category(null).build(), "category");
        }
    }

    @Nested
    class Coordinates {

        @ParameterizedTest
        @ValueSource(doubles = {-90, -89.999999, 0, 37.5665, 90})
        void latitudesFromMinusNinetyToNinetyInclusiveAreValid(double latitude) {
            assertValid(valid().latitude(latitude).build());
        }

        @ParameterizedTest
        @ValueSource(doubles = {-90.000001, 90.000001, 91, -1e9, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN})
        void latitudesOutsideAreInvalid(double latitude) {
            assertOnlyInvalid(valid().latitude(latitude).build(), "latitude");
        }

        @ParameterizedTest
        @ValueSource(doubles = {-180, -179.999999, 0, 126.978, 180})
        void longitudesFromMinus180To180InclusiveAreValid(double longitude) {
            assertValid(valid().longitude(longitude).build());
        }

        @ParameterizedTest
        @ValueSource(doubles = {-180.000001, 180.000001, 360, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN})
        void longitudesOutsideAreInvalid(double longitude) {
            assertOnlyInvalid(valid().longitude(longitude).build(), "longitude");
        }

        @Test
        void bothAreRequired() {
            assertThat(invalidFields(valid().latitude(null).longitude(null).build()))
                    .containsExactlyInAnyOrder("latitude", "longitude");
        }
    }

    @Nested
    class Country {

        @ParameterizedTest
        @ValueSource(strings = {"KR", "US", "kr", "Kr", " kr ", "XK"})
        void isoAlpha2CodesAreValidAndNormalisedToUpperCase(String country) {
            BusinessRequest request = valid().country(country).build();
            assertThat(request.country()).isEqualTo(country.strip().toUpperCase(Locale.ROOT));
            assertValid(request);
        }

        @ParameterizedTest
        @ValueSource(strings = {"XX", "xx", "KOR", "K", "ZZ", "UK", "1A"})
        void othersAreInvalid(String country) {
            assertOnlyInvalid(valid().country(country).build(), "country");
        }
    }

    @Nested
    class TimeZone {

        @ParameterizedTest
        @ValueSource(strings = {"Asia/Seoul", "America/New_York", "UTC", "Europe/London", " Asia/Seoul "})
        void ianaZonesAreValid(String zone) {
            assertValid(valid().timeZone(zone).build());
        }

        @ParameterizedTest
        @ValueSource(strings = {"+05:00", "+09:00", "Z", "Asia/Nowhere", "asia/seoul", "KST", "Seoul"})
        void bareOffsetsAndUnknownNamesAreInvalid(String zone) {
            assertOnlyInvalid(valid().timeZone(zone).build(), "timeZone");
        }
    }

    @Nested
    class Website {

        @ParameterizedTest
        @ValueSource(strings = {"http://example.com", "https://example.com/menu?lang=ko#top",
                "HTTPS://EXAMPLE.COM", "https://example.com:8443/"})
        void httpAndHttpsUrlsAreValid(String website) {
            assertValid(valid().website(website).build());
        }

        @ParameterizedTest
        @ValueSource(strings = {"javascript:alert(1)", "javascript://example.com/%0Aalert(1)",
                "ftp://example.com", "data:text/html,hi", "mailto:owner@example.com", "http://", "https:///menu",
                "//example.com", "example.com", "http://exa mple.com"})
        void otherSchemesAndHostlessUrlsAreInvalid(String website) {
            assertOnlyInvalid(valid().website(website).build(), "website");
        }

        @Test
        void isAtMostTwoThousandCharacters() {
            String base = "https://example.com/";
            assertValid(valid().website(base + "a".repeat(2000 - base.length())).build());
            assertOnlyInvalid(valid().website(base + "a".repeat(2001 - base.length())).build(), "website");
        }
    }

    @Nested
    class Phone {

        @ParameterizedTest
        @ValueSource(strings = {"+82 2-123-4567", "(02) 123.4567", "010/1234/5678", "112"})
        void digitsWithCommonSeparatorsAreValid(String phone) {
            assertValid(valid().phone(phone).build());
        }

        @ParameterizedTest
        @ValueSource(strings = {"12", "call us", "+82 2 123 4567 ext 9", "++82 2", "☎ 123 4567",
                "1234567890123456789012345678901234567890123"})
        void othersAreInvalid(String phone) {
            assertOnlyInvalid(valid().phone(phone).build(), "phone");
        }
    }

    @Nested
    class Hours {

        @Test
        void twentyFourHundredClosesAtTheEndOfTheDay() {
            assertValid(valid().hours(List.of(new OpeningHours(DayOfWeek.FRIDAY, "18:00", "24:00"))).build());
        }

        @Test
        void closingAfterMidnightIsAllowed() {
            assertValid(valid().hours(List.of(new OpeningHours(DayOfWeek.SATURDAY, "22:00", "02:00"))).build());
        }

        @Test
        void twentyFourHundredCannotOpen() {
            assertOnlyInvalid(valid().hours(List.of(new OpeningHours(DayOfWeek.FRIDAY, "24:00", "02:00"))).build(),
                    "hours[0].open");
        }

        @ParameterizedTest
        @ValueSource(strings = {"9:00", "09:0", "0900", "24:01", "25:00", "23:60", "12:00:00", "noon", ""})
        void malformedTimesAreInvalid(String time) {
            assertOnlyInvalid(valid().hours(List.of(new OpeningHours(DayOfWeek.MONDAY, time, "18:00"))).build(),
                    "hours[0].open");
            assertOnlyInvalid(valid().hours(List.of(new OpeningHours(DayOfWeek.MONDAY, "09:00", time))).build(),
                    "hours[0].close");
        }

        @Test
        void everyPartOfAnIntervalIsRequired() {
            assertThat(invalidFields(valid().hours(List.of(new OpeningHours(null, null, null))).build()))
                    .containsExactlyInAnyOrder("hours[0].day", "hours[0].open", "hours[0].close");
        }

        @Test
        void aNullIntervalIsInvalid() {
            assertOnlyInvalid(valid().hours(Collections.singletonList(null)).build(), "hours[0].<list element>");
        }

        @Test
        void fiftyIntervalsAreTheMost() {
            assertValid(valid().hours(intervals(50)).build());
            assertOnlyInvalid(valid().hours(intervals(51)).build(), "hours");
        }

        private static List<OpeningHours> intervals(int count) {
            List<OpeningHours> hours = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                DayOfWeek day = DayOfWeek.of(i % 7 + 1);
                hours.add(new OpeningHours(day, String.format("%02d:00", i % 23), String.format("%02d:30", i % 23)));
            }
            return hours;
        }
    }

    @Nested
    class Normalisation {

        @Test
        void trimsText() {
            BusinessRequest request = valid().name("  Cafe Onion \u3000").address(" 1 Sejong-daero ")
                    .city(" Seoul ").website(" https://example.com ").timeZone(" Asia/Seoul ").build();
            assertThat(request.name()).isEqualTo("Cafe Onion");
            assertThat(request.address()).isEqualTo("1 Sejong-daero");
            assertThat(request.city()).isEqualTo("Seoul");
            assertThat(request.website()).isEqualTo("https://example.com");
            assertThat(request.timeZone()).isEqualTo("Asia/Seoul");
        }

        @Test
        void blankOptionalTextIsAbsent() {
            BusinessRequest request = new BusinessRequest("Cafe", "cafe", 1.0, 2.0, " ", "", "\t", "  ", " ", " ",
                    "", " ", null);
            assertThat(request.address()).isNull();
            assertThat(request.city()).isNull();
            assertThat(request.state()).isNull();
            assertThat(request.country()).isNull();
            assertThat(request.postalCode()).isNull();
            assertThat(request.phone()).isNull();
            assertThat(request.website()).isNull();
            assertThat(request.timeZone()).isNull();
            assertThat(request.hours()).isEmpty();
            assertValid(request);
        }

        @Test
        void absentOptionalFieldsAreValid() {
            assertValid(new BusinessRequest("Cafe", "cafe", 1.0, 2.0, null, null, null, null, null, null, null, null,
                    null));
        }

        @Test
        void innerWhitespaceIsKept() {
            assertThat(valid().name(" Cafe   Onion ").build().name()).isEqualTo("Cafe   Onion");
        }
    }

    @Nested
    class TextLimits {

        @Test
        void addressIsAtMostFiveHundredCodePoints() {
            assertValid(valid().address(NOODLES.repeat(500)).build());
            assertOnlyInvalid(valid().address(NOODLES.repeat(501)).build(), "address");
        }

        @Test
        void postalCodeIsAtMostTwentyCodePoints() {
            assertValid(valid().postalCode("1".repeat(20)).build());
            assertOnlyInvalid(valid().postalCode("1".repeat(21)).build(), "postalCode");
        }
    }

    private static final class Builder {
        private String name = "Cafe Onion";
        private String category = "cafe";
        private Double latitude = 37.5665;
        private Double longitude = 126.9780;
        private String address = "1 Sejong-daero";
        private String city = "Seoul";
        private String state = null;
        private String country = "KR";
        private String postalCode = "04524";
        private String phone = "+82 2-120";
        private String website = "https://example.com";
        private String timeZone = "Asia/Seoul";
        private List<OpeningHours> hours = List.of(new OpeningHours(DayOfWeek.MONDAY, "09:00", "18:00"));

        Builder name(String v) { name = v; return this; }
        Builder category(String v) { category = v; return this; }
        Builder latitude(Double v) { latitude = v; return this; }
        Builder longitude(Double v) { longitude = v; return this; }
        Builder address(String v) { address = v; return this; }
        Builder city(String v) { city = v; return this; }
        Builder country(String v) { country = v; return this; }
        Builder postalCode(String v) { postalCode = v; return this; }
        Builder phone(String v) { phone = v; return this; }
        Builder website(String v) { website = v; return this; }
        Builder timeZone(String v) { timeZone = v; return this; }
        Builder hours(List<OpeningHours> v) { hours = v; return this; }

        BusinessRequest build() {
            return new BusinessRequest(name, category, latitude, longitude, address, city, state, country,
                    postalCode, phone, website, timeZone, hours);
        }
    }
}
