package dev.proximity.system;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A request that cannot be understood or breaks a rule of the API contract (400). */
public final class InvalidRequestException extends ProblemException {

    private InvalidRequestException(String slug, String title, String detail, List<FieldProblem> errors) {
        super(HttpStatus.BAD_REQUEST, slug, title, detail, errors);
    }

    public static InvalidRequestException of(String slug, String title, String detail) {
        return new InvalidRequestException(slug, title, detail, List.of());
    }

    public static InvalidRequestException of(String slug, String title, String detail, List<FieldProblem> errors) {
        return new InvalidRequestException(slug, title, detail, errors);
    }

    public static InvalidRequestException invalidFields(List<FieldProblem> errors) {
        return new InvalidRequestException("validation-failed", "Invalid request",
                "One or more fields are invalid", errors);
    }

    public static InvalidRequestException invalidField(String field, String message) {
        return invalidFields(List.of(new FieldProblem(field, message)));
    }
}
