package dev.proximity.business;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import dev.proximity.system.FieldProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * The body of {@code POST} and {@code PUT /v1/businesses}: everything an owner may set. Server-owned fields
 * ({@code id}, {@code ownerId}, {@code version}, timestamps) are not components, so sending them is a 400.
 * Text is trimmed; blank optional text counts as absent.
 */
public record BusinessRequest(
        @NotBlank @CodePointLength(max = 200)
        // whitespace-only names are @NotBlank's to report; this catches zero-width and other invisible ones
        @Pattern(regexp = "(?s)\\s*|.*[\\p{L}\\p{N}\\p{S}\\p{P}].*", message = "must contain a visible character")
        String name,
        @NotNull @Pattern(regexp = "^[a-z0-9_-]{1,50}$", message = "must be 1 to 50 of a-z, 0-9, _ and -")
        String category,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @CodePointLength(max = 500) String address,
        @CodePointLength(max = 200) String city,
        @CodePointLength(max = 200) String state,
        @Schema(description = "ISO 3166-1 alpha-2 code such as KR (any case; stored upper-case)",
                pattern = "^[A-Za-z]{2}$")
        @IsoCountry String country,
        @CodePointLength(max = 20) String postalCode,
        @Pattern(regexp = "^\\+?[0-9 ()./-]{3,40}$",
                message = "must be a phone number of digits, spaces and + ( ) . / -")
        String phone,
        @Schema(description = "An absolute http or https URL") @Size(max = 2000) @WebUrl String website,
        @Schema(description = "IANA time zone such as Asia/Seoul; opening hours are in it", maxLength = 64)
        @IanaTimeZone String timeZone,
        @Size(max = 50) List<@NotNull @Valid OpeningHours> hours) {

    public BusinessRequest {
        name = name == null ? null : name.strip();
        address = optional(address);
        city = optional(city);
        state = optional(state);
        country = country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
        postalCode = optional(postalCode);
        phone = optional(phone);
        website = optional(website);
        timeZone = optional(timeZone);
        hours = hours == null ? List.of() : hours;
    }

    /** An interval that opens and closes at the same minute is ambiguous (empty or all day?): refuse it. */
    List<FieldProblem> hoursProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            OpeningHours interval = hours.get(i);
            if (interval != null && interval.open() != null && interval.open().equals(interval.close())) {
                problems.add(new FieldProblem("hours[" + i + "].close",
                        "must differ from open (use 00:00 to 24:00 for a whole day)"));
            }
        }
        return problems;
    }

    private static String optional(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
