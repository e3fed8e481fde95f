package dev.proximity.business;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An ISO 3166-1 alpha-2 country code such as {@code KR}, or {@code XK} (Kosovo: user-assigned, but what
 * GeoNames, the EU and most registries use); null is allowed.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCountry.Validator.class)
@interface IsoCountry {

    String message() default "must be an ISO 3166-1 alpha-2 country code such as KR";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoCountry, String> {

        private static final Set<String> CODES = union(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2),
                "XK");

        private static Set<String> union(Set<String> codes, String extra) {
            Set<String> all = new java.util.HashSet<>(codes);
            all.add(extra);
            return Set.copyOf(all);
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CODES.contains(value);
        }
    }
}
