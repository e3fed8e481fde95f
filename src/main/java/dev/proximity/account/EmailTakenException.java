package dev.proximity.account;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpStatus;

final class EmailTakenException extends ProblemException {

    private EmailTakenException() {
        super(HttpStatus.CONFLICT, "email-taken", "E-mail already registered",
                "An owner with this e-mail address already exists");
    }

    static EmailTakenException create() {
        return new EmailTakenException();
    }
}
