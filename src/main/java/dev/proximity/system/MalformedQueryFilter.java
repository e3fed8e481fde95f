package dev.proximity.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Text in query strings and in the pages' form posts, checked before anything reads it. Tomcat silently drops
 * parameters with a broken escape ({@code pageToken=%%}, a lone {@code %}) and puts U+FFFD in place of bytes
 * that are not UTF-8, so a search would run as if a parameter had not been sent and a form would save text
 * the owner never typed. A parameter with a broken escape, bytes that are not UTF-8, NUL or an unpaired
 * surrogate is a 400 naming it instead: problem+json for the API and for clients that do not ask for HTML,
 * the 400 page (saying which field) for browsers.
 * <p>
 * The pages' form bodies are decoded here, strictly, and handed on as the request's parameters; the API's
 * form bodies are left alone (no API call takes one; they get their 415 later).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class MalformedQueryFilter extends OncePerRequestFilter {

    /** {@code org.apache.catalina.Globals.PARAMETER_PARSE_FAILED_ATTR}. */
    static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";
    /** Request attribute the 400 page reads to say which field was refused ({@code templates/error/4xx.html}). */
    static final String INPUT_PROBLEM = "inputProblem";

    private final ProblemResponseWriter problems;

    MalformedQueryFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getQueryString() == null && !isPageForm(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UrlEncodedParameters query = UrlEncodedParameters.decode(request.getQueryString());
        if (query.problem() != null) {
            refuse(request, response, query);
            return;
        }
        if (isPageForm(request)) {
            UrlEncodedParameters form;
            try {
                form = UrlEncodedParameters.decode(new String(request.getInputStream().readAllBytes(),
                        StandardCharsets.ISO_8859_1));
            } catch (RequestBodyTooLargeException e) {
                problems.write(request, response, PayloadTooLargeException.overLimit(e.limitBytes()));
                return;
            }
            if (form.problem() != null) {
                refuse(request, response, form);
                return;
            }
            chain.doFilter(new DecodedForm(request, query, form), response);
            return;
        }
        request.getParameterMap(); // lets Tomcat parse the query now, for what it refuses by itself (too many)
        if (request.getAttribute(PARSE_FAILED) != null) {
            problems.write(request, response, InvalidRequestException.of("malformed-query", "Malformed query",
                    "The query string is not validly percent-encoded UTF-8"));
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, UrlEncodedParameters parameters)
            throws IOException {
        FieldProblem problem = parameters.problem();
        ProblemException refusal = parameters.malformedEscape()
                ? InvalidRequestException.of("malformed-query", "Malformed query",
                        "The query string is not validly percent-encoded UTF-8", List.of(problem))
                : InvalidRequestException.invalidFields(List.of(problem));
        if (!ApiPaths.isApi(request) && acceptsHtml(request)) {
            request.setAttribute(INPUT_PROBLEM, problem);
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        problems.write(request, response, refusal);
    }

    private static boolean isPageForm(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || ApiPaths.isApi(request) || !"POST".equals(request.getMethod())) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false; // not a form: whatever handles the path refuses it
        }
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    /** The request with the strictly decoded query and form as its parameters (query first, as Tomcat orders them). */
    private static final class DecodedForm extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters = new LinkedHashMap<>();

        DecodedForm(HttpServletRequest request, UrlEncodedParameters query, UrlEncodedParameters form) {
            super(request);
            add(query.values());
            add(form.values());
        }

        private void add(Map<String, List<String>> values) {
            values.forEach((name, list) -> parameters.merge(name, list.toArray(String[]::new), (a, b) -> {
                String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                return both;
            }));
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }
    }
}
