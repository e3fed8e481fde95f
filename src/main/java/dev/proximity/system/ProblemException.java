package dev.proximity.system;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An error a client can cause, with everything its problem+json answer needs: a stable {@code type}
 * ({@code /problems/<slug>}), a human title, a detail without internals, and optional field errors and
 * headers. Features throw named subclasses with static factories; {@link ApiExceptionHandler} renders them.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<FieldProblem> errors;

    protected ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    protected ProblemException(HttpStatus status, String slug, String title, String detail,
            List<FieldProblem> errors) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> fieldErrors() {
        return errors;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(typeOf(slug));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** Extra response headers, e.g. {@code Retry-After}. */
    public HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }

    public static URI typeOf(String slug) {
        return URI.create("/problems/" + slug);
    }
}
