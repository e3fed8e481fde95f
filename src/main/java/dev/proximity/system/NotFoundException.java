package dev.proximity.system;

import org.springframework.http.HttpStatus;

/** Nothing is stored under this name (404). Features use named factories of their own on top of this. */
public class NotFoundException extends ProblemException {

    protected NotFoundException(String slug, String title, String detail) {
        super(HttpStatus.NOT_FOUND, slug, title, detail);
    }

    public static NotFoundException of(String slug, String title, String detail) {
        return new NotFoundException(slug, title, detail);
    }
}
