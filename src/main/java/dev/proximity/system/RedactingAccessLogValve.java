package dev.proximity.system;

import java.io.CharArrayWriter;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.AbstractAccessLogValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Tomcat's access log, written to the {@code proximity.access} logger (so it goes wherever the app's log goes),
 * with the query redacted ({@link RedactedQuery}) and the client address kept only for writes and signed-in
 * calls: an anonymous read (a search, the map, a business page) leaves no address and no location behind.
 */
class RedactingAccessLogValve extends AbstractAccessLogValve {

    static final String CLIENT = "proximity.access.client";
    static final String TARGET = "proximity.access.target";
    /** Ends with the request id ({@link RequestIdFilter}), "-" if Tomcat refused the request before the filters. */
    static final String PATTERN = "%{" + CLIENT + "}r \"%m %{" + TARGET + "}r %H\" %s %b %{ms}Tms %{"
            + RequestIdFilter.ATTRIBUTE + "}r";
    private static final Logger log = LoggerFactory.getLogger("proximity.access");

    private final ClientAddress clientAddress;

    private final WarmupRequests warmup;

    RedactingAccessLogValve(ClientAddress clientAddress, WarmupRequests warmup) {
        this.clientAddress = clientAddress;
        this.warmup = warmup;
        setPattern(PATTERN);
        setAsyncSupported(true);
    }

    @Override
    public void log(Request request, Response response, long time) {
        if (!log.isInfoEnabled() || warmup.matches(request.getHeader(WarmupRequests.HEADER))) {
            return; // the instance's own warm-up before it reports ready is nobody's request
        }
        String method = request.getMethod();
        boolean anonymousRead = request.getHeader("Authorization") == null
                && ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
        request.setAttribute(CLIENT, anonymousRead || method == null ? "-" : clientAddress.of(request));
        String path = request.getRequestURI();
        request.setAttribute(TARGET, (path == null ? "-" : path) + RedactedQuery.of(request.getQueryString()));
        // the filters have cleared the MDC by now: set it again so the line's requestId field (JSON logs) and
        // the plain pattern's [id] name the request too
        String requestId = RequestIdFilter.of(request);
        if (requestId == null) {
            super.log(request, response, time);
            return;
        }
        MDC.put(RequestIdFilter.MDC_KEY, requestId);
        try {
            super.log(request, response, time);
        } finally {
            MDC.remove(RequestIdFilter.MDC_KEY);
        }
    }

    @Override
    protected void log(CharArrayWriter message) {
        log.info(message.toString());
    }
}
