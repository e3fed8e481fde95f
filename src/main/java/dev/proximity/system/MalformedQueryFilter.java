package dev.proximity.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tomcat silently drops query parameters it cannot decode ({@code pageToken=%%}, a lone {@code %}, invalid
 * UTF-8), so a search would run as if they had not been sent. Such a query is a 400 instead. Form bodies are
 * left alone (no API call takes one; they get their 415 later).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class MalformedQueryFilter extends OncePerRequestFilter {

    /** {@code org.apache.catalina.Globals.PARAMETER_PARSE_FAILED_ATTR}. */
    static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

    private final ProblemResponseWriter problems;

    MalformedQueryFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return request.getQueryString() == null || contentType != null
                && (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                || contentType.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.getParameterMap(); // parses the query now
        if (request.getAttribute(PARSE_FAILED) != null) {
            problems.write(request, response, InvalidRequestException.of("malformed-query", "Malformed query",
                    "The query string is not validly percent-encoded UTF-8"));
            return;
        }
        chain.doFilter(request, response);
    }
}
