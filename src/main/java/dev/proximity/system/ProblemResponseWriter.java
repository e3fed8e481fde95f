package dev.proximity.system;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Writes problem+json from places outside Spring MVC: servlet filters and security handlers. */
@Component
public class ProblemResponseWriter {

    /** The problem+json extension field naming the request ({@link RequestIdFilter}), as in its log lines. */
    public static final String REQUEST_ID = "requestId";

    private final ObjectMapper objectMapper;

    ProblemResponseWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemException problem)
            throws IOException {
        problem.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        write(request, response, problem.toProblemDetail());
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String requestId = RequestIdFilter.of(request);
        if (requestId != null) {
            problem.setProperty(REQUEST_ID, requestId);
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
