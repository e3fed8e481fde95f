package dev.proximity.system;

import org.springframework.http.HttpStatus;

/** The request conflicts with the current state of a resource (409). */
public final class ConflictException extends ProblemException {

    private ConflictException(String slug, String title, String detail) {
        super(HttpStatus.CONFLICT, slug, title, detail);
    }

    public static ConflictException of(String slug, String title, String detail) {
        return new ConflictException(slug, title, detail);
    }
}
