package dev.proximity.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * A sign-up. Passwords follow NIST SP 800-63B: at least 8 characters, long passphrases welcome, no
 * composition rules.
 */
record OwnerRegistration(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @CodePointLength(min = 8, max = 128) String password,
        @NotBlank @CodePointLength(max = 200) String name) {

    OwnerRegistration {
        email = email == null ? null : email.strip();
        name = name == null ? null : name.strip();
    }
}
