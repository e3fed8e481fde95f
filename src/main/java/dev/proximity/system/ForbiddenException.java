package dev.proximity.system;

import org.springframework.http.HttpStatus;

/** The caller is known but may not do this (403). */
public final class ForbiddenException extends ProblemException {

    private ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    public static ForbiddenException notAllowed() {
        return new ForbiddenException("You are not allowed to do this");
    }

    public static ForbiddenException notYourBusiness() {
        return new ForbiddenException("Only the owner of this business (or an admin) may change it");
    }
}
