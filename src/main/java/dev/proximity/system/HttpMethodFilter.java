package dev.proximity.system;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers TRACE (which would echo headers such as cookies back) and made-up methods with a 405 problem
 * before any other code sees them. Tomcat is told to let TRACE through so that this filter, not a bare
 * connector error, gives the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // after RequestIdFilter, so its 405 carries the request id
class HttpMethodFilter extends OncePerRequestFilter {

    static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final ProblemResponseWriter problems;

    HttpMethodFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (KNOWN.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
                "This HTTP method is not supported");
        problem.setType(ProblemException.typeOf("method-not-allowed"));
        problem.setTitle("Method not allowed");
        response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        problems.write(request, response, problem);
    }

    @Component
    static class AllowTraceIntoFilters implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
        }
    }
}
