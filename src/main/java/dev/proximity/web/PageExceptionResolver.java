package dev.proximity.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.proximity.system.DatabaseUnavailable;
import dev.proximity.system.ProblemException;
import dev.proximity.system.ServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors outside the JSON API ({@code /v1/**}, {@code /v3/**}, {@code /actuator/**}) are answered by the error
 * pages ({@code templates/error/404.html}, {@code 4xx.html}, {@code 5xx.html}) rather than problem+json: an
 * unknown path or a business id that names nothing shows a browser a real page with the right status, and a
 * database that cannot be reached the 503 page with {@code Retry-After}, as the API answers it. Runs before the
 * API's exception handler, which keeps every {@code /v1/**} error.
 */
@Component
class PageExceptionResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionResolver.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/v1/") || path.startsWith("/v3/") || path.startsWith("/actuator")) {
            return null;
        }
        Exception failure = ex;
        if (DatabaseUnavailable.causes(ex)) {
            // as the API answers it (problem+json there): a 503 with Retry-After, not a 500
            log.warn("Page {} unavailable, a data store cannot be reached: {}", path, ex.getClass().getSimpleName());
            failure = ServiceUnavailableException.databaseUnavailable();
        }
        int status;
        if (failure instanceof ProblemException problem) {
            status = problem.status().value();
            problem.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        } else if (failure instanceof ErrorResponse error) {
            status = error.getStatusCode().value();
            error.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        } else {
            log.error("Unexpected error on page {}", path, ex);
            status = 500;
        }
        try {
            response.sendError(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
