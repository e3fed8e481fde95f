package dev.proximity.business;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An absolute {@code http} or {@code https} URL with a host. Other schemes ({@code javascript:},
 * {@code data:}) are refused because the map links to this address. Null is allowed.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WebUrl.Validator.class)
@interface WebUrl {

    String message() default "must be an http or https URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<WebUrl, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                URI uri = new URI(asciiHost(value));
                String scheme = uri.getScheme();
                return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                        && uri.getHost() != null && !uri.getHost().isEmpty();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return false;
            }
        }

        /** Internationalised host names ({@code https://예시.kr}) are checked in their punycode form. */
        private static String asciiHost(String url) {
            int start = url.indexOf("://");
            if (start < 0) {
                return url;
            }
            int end = start + 3;
            while (end < url.length() && "/?#:".indexOf(url.charAt(end)) < 0) {
                end++;
            }
            String host = url.substring(start + 3, end);
            if (host.isEmpty() || host.contains("@")) {
                return url; // userinfo or no host: let the URI parser decide
            }
            return url.substring(0, start + 3) + IDN.toASCII(host, IDN.ALLOW_UNASSIGNED) + url.substring(end);
        }
    }
}
