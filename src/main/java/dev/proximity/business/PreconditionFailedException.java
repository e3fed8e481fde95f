package dev.proximity.business;

import dev.proximity.system.ProblemException;
import org.springframework.http.HttpStatus;

/** {@code If-Match} named a version that is no longer current (412). */
final class PreconditionFailedException extends ProblemException {

    private PreconditionFailedException(String detail) {
        super(HttpStatus.PRECONDITION_FAILED, "stale-version", "Stale version", detail);
    }

    static PreconditionFailedException staleVersion(long current) {
        return new PreconditionFailedException("The business has changed; its current version is " + current
                + ". Read it again and retry with If-Match: \"" + current + "\"");
    }
}
