package dev.proximity.system;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * One problem+json (RFC 9457) shape for every API error: a stable {@code type}, a title, a detail without
 * internals, {@code errors} for field problems and {@code requestId} to find its log lines. Anything unexpected is logged and answered with a bare
 * 500: never a stack trace or an exception message.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException e) {
        return problem(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(InvalidRequestException.invalidField(e.getName(), "has an invalid value"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException e) {
        return problem(ForbiddenException.notAllowed());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> handleConcurrentUpdate(OptimisticLockingFailureException e) {
        return problem(ConflictException.of("concurrent-update", "Concurrent update",
                "The resource was changed by another request at the same time; read it again and retry"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleIntegrity(DataIntegrityViolationException e) {
        log.warn("Integrity violation not caught by validation: {}", e.getMostSpecificCause().getClass().getName());
        return problem(ConflictException.of("conflict", "Conflict", "The request conflicts with stored data"));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            org.springframework.web.servlet.resource.NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return problem(NotFoundException.of("not-found", "Not found", "Nothing exists at this path"));
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            org.springframework.web.servlet.NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return problem(NotFoundException.of("not-found", "Not found", "Nothing exists at this path"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception e) {
        if (DatabaseUnavailable.causes(e)) {
            log.warn("Database unavailable: {}", e.getClass().getSimpleName());
            return problem(ServiceUnavailableException.databaseUnavailable());
        }
        log.error("Unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; the request may be retried");
        problem.setType(ProblemException.typeOf("internal-error"));
        problem.setTitle("Internal error");
        return withProblemType(problem, HttpHeaders.EMPTY);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), messageOf(f)))
                .sorted(java.util.Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        return problem(InvalidRequestException.invalidFields(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldProblem(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return problem(InvalidRequestException.invalidFields(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return problem(PayloadTooLargeException.overLimit(tooLarge.limitBytes()));
            }
            if (cause instanceof Utf8ValidatingInputStream.InvalidUtf8Exception notUtf8) {
                return problem(InvalidRequestException.of("malformed-json", "Malformed JSON", notUtf8.getMessage()));
            }
            if (cause instanceof JsonProcessingException json) {
                return problem(JsonErrors.toProblem(json));
            }
            cause = cause.getCause();
        }
        return problem(InvalidRequestException.of("malformed-json", "Malformed JSON",
                "A JSON body is required"));
    }

    /** Spring's own errors (405, 415, 406, 404 ...) keep their status but get a stable type too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            return withProblemType(problem, headers);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ResponseEntity<Object> problem(ProblemException e) {
        return withProblemType(e.toProblemDetail(), e.headers());
    }

    private static ResponseEntity<Object> withProblemType(ProblemDetail problem, HttpHeaders headers) {
        String requestId = RequestIdFilter.current();
        if (requestId != null) {
            problem.setProperty(ProblemResponseWriter.REQUEST_ID, requestId);
        }
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            String slug = status == null ? "error" : status.name().toLowerCase().replace('_', '-');
            problem.setType(ProblemException.typeOf(slug));
        }
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String messageOf(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }
}
