package dev.proximity.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code /error} for what never reached a controller: Tomcat refusing a path ({@code /WEB-INF/}), the
 * security firewall refusing {@code ..} or an encoded slash. Machines get the same problem+json as from the
 * API (not Boot's {@code timestamp/error/path} map); browsers still get Boot's HTML error views.
 */
class ProblemErrorController extends BasicErrorController {

    ProblemErrorController(ErrorAttributes errorAttributes, ServerProperties server,
            List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, server.getError(), errorViewResolvers);
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, RequestIdFilter.of(request)));
    }

    /** {@code requestId} may be null: Tomcat refused the request before {@link RequestIdFilter} gave it one. */
    static Map<String, Object> problem(HttpStatus status, String requestId) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemException.typeOf(slugOf(status)).toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detailOf(status));
        if (requestId != null) {
            problem.put(ProblemResponseWriter.REQUEST_ID, requestId);
        }
        return problem;
    }

    static String slugOf(HttpStatus status) {
        switch (status) {
            case NOT_FOUND:
                return "not-found";
            case BAD_REQUEST:
                return "malformed-request";
            default:
                return status.name().toLowerCase().replace('_', '-');
        }
    }

    private static String detailOf(HttpStatus status) {
        switch (status) {
            case NOT_FOUND:
                return "Nothing exists at this path";
            case BAD_REQUEST:
                return "The request line, a header or the path cannot be accepted: malformed, over 8 KiB, or a path"
                        + " with '..' or an encoded slash";
            case REQUEST_HEADER_FIELDS_TOO_LARGE:
            case URI_TOO_LONG:
                return "The request line or headers are too large";
            case METHOD_NOT_ALLOWED:
                return "This HTTP method is not supported here";
            case REQUEST_TIMEOUT:
                return "The request body stopped arriving before it was complete (nothing came for the read"
                        + " timeout); nothing was done";
            default:
                return status.is5xxServerError() ? "Something went wrong on our side; the request may be retried"
                        : status.getReasonPhrase();
        }
    }
}
