package dev.proximity.system;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id that its log lines, its access log line and its problem+json share, so one failed
 * call can be followed through the logs. The id is the trace-id of a valid W3C {@code traceparent}
 * ({@code 00-<32 hex>-<16 hex>-<2 hex>}, lowercase, not all zeros), so the proxy's or the caller's trace finds it;
 * otherwise 32 random hex digits. Nothing else from the request reaches it: a header that is not exactly a
 * traceparent is ignored, never copied into a log line, and nothing of the query is in it.
 *
 * <p>The id is in the MDC under {@value #MDC_KEY} while the request runs (JSON logs carry it as a field; the
 * plain pattern prints it), in the request attribute {@value #ATTRIBUTE} (the access log runs after the MDC is
 * cleared), and in the {@value #HEADER} response header. Tracing headers are left as they came.
 */
class RequestIdFilter extends OncePerRequestFilter {

    static final String MDC_KEY = "requestId";
    static final String ATTRIBUTE = "proximity.request-id";
    static final String HEADER = "X-Request-Id";
    static final String TRACEPARENT = "traceparent";

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the /error dispatch logs and answers too, after the request's own pass has cleared the MDC
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = of(request);
        if (id == null) {
            id = traceIdOf(request.getHeader(TRACEPARENT));
            if (id == null) {
                id = generate();
            }
            request.setAttribute(ATTRIBUTE, id);
        }
        if (!response.isCommitted() && !response.containsHeader(HEADER)) {
            response.setHeader(HEADER, id);
        }
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The id given to this request, or null if it never passed this filter (Tomcat refused it first). */
    static String of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : null;
    }

    /** The id of the request this thread is serving, or null outside one. */
    static String current() {
        return MDC.get(MDC_KEY);
    }

    /**
     * The trace-id of a W3C trace context {@code traceparent} header, or null unless the header is exactly one:
     * version (two lowercase hex digits, not {@code ff}), trace-id (32, not all zeros), parent-id (16, not all
     * zeros) and flags (2), joined by dashes. Version 00 has nothing after the flags; a later version may add
     * fields after another dash.
     */
    static String traceIdOf(String traceparent) {
        if (traceparent == null || traceparent.length() < 55) {
            return null;
        }
        String version = traceparent.substring(0, 2);
        boolean shapeOk = hex(traceparent, 0, 2) && traceparent.charAt(2) == '-' && hex(traceparent, 3, 35)
                && traceparent.charAt(35) == '-' && hex(traceparent, 36, 52) && traceparent.charAt(52) == '-'
                && hex(traceparent, 53, 55);
        if (!shapeOk || "ff".equals(version)) {
            return null;
        }
        if (traceparent.length() > 55 && ("00".equals(version) || traceparent.charAt(55) != '-')) {
            return null;
        }
        if (zeros(traceparent, 3, 35) || zeros(traceparent, 36, 52)) {
            return null;
        }
        return traceparent.substring(3, 35);
    }

    /** 128 random bits as 32 lowercase hex digits, the shape of a trace-id (so both kinds read alike). */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return String.format("%016x%016x", high, low);
    }

    private static boolean hex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
