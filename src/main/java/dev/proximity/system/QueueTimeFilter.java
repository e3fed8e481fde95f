package dev.proximity.system;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds requests that queued too long before they reached the application.
 *
 * <p>Why: when an instance falls behind (JIT warm-up after a start, a burst of cold cache fills, the host busy
 * elsewhere), requests pile up in the listen backlog and Tomcat's queue. The proxy gives up on them after its
 * read timeout and its client has gone, but the instance would still work on each in turn, so it serves only
 * requests nobody waits for and never catches up. Answering those 503 at once (no work, no retry by the proxy,
 * which retries only connection errors, timeouts, 502 and 504) drains the queue in moments.
 *
 * <p>The time a request arrived is nginx's {@code X-Request-Start: t=<seconds>.<millis>}
 * ({@code proxy_set_header X-Request-Start "t=${msec}"}), believed only from a trusted proxy
 * ({@code proximity.trusted-proxies}). The proxy's clock and this host's must agree to well under the limit
 * (the same clock on one host, NTP otherwise); a header over a minute old is taken for clock skew, logged
 * once and ignored. Only GET and HEAD are shed: a write that waited is still done (it is idempotent by key).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class QueueTimeFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Start";

    /** No proxy holds a request this long: such a header means the proxy's clock and ours disagree. */
    static final long IMPLAUSIBLE_QUEUE_MILLIS = 60_000;

    private static final Logger log = LoggerFactory.getLogger(QueueTimeFilter.class);

    private final long maxQueueMillis;
    private final ClientAddress clientAddress;
    private final ProblemResponseWriter problems;
    private final Clock clock;
    private final Counter shed;
    private final AtomicBoolean clockWarningLogged = new AtomicBoolean();

    @Autowired
    QueueTimeFilter(OverloadProperties properties, ClientAddress clientAddress, ProblemResponseWriter problems,
            ObjectProvider<MeterRegistry> meters) {
        this(properties, clientAddress, problems, Clock.systemUTC(), meters.getIfAvailable());
    }

    /** {@code meters} may be null (web test slices have no registry). */
    QueueTimeFilter(OverloadProperties properties, ClientAddress clientAddress, ProblemResponseWriter problems,
            Clock clock, MeterRegistry meters) {
        this.maxQueueMillis = properties.maxQueueTime().toMillis();
        this.clientAddress = clientAddress;
        this.problems = problems;
        this.clock = clock;
        this.shed = meters == null ? null : Counter.builder("proximity.overload.shed")
                .description("Requests answered 503 because they waited longer than proximity.overload.max-queue-time")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return maxQueueMillis <= 0 || !("GET".equals(method) || "HEAD".equals(method))
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long arrivedMillis = arrivedMillis(request.getHeader(HEADER));
        long queuedMillis = arrivedMillis < 0 ? 0 : clock.millis() - arrivedMillis;
        if (queuedMillis > maxQueueMillis && clientAddress.fromTrustedProxy(request)) {
            if (queuedMillis > IMPLAUSIBLE_QUEUE_MILLIS) {
                if (clockWarningLogged.compareAndSet(false, true)) {
                    log.warn("{} says a request waited {} s: the proxy's clock and this host's disagree; such "
                            + "requests are not shed (synchronise the clocks, or set "
                            + "proximity.overload.max-queue-time=0)", HEADER, queuedMillis / 1000);
                }
            } else {
                if (shed != null) {
                    shed.increment();
                }
                problems.write(request, response, ServiceUnavailableException.overloaded());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Milliseconds since the epoch from {@code t=1733312345.678} (or without {@code t=}); -1 if unreadable. */
    static long arrivedMillis(String header) {
        String value = header.trim();
        if (value.startsWith("t=")) {
            value = value.substring(2);
        }
        int dot = value.indexOf('.');
        String seconds = dot < 0 ? value : value.substring(0, dot);
        String fraction = dot < 0 ? "" : value.substring(dot + 1);
        if (seconds.isEmpty() || seconds.length() > 12 || fraction.length() > 9 || !digits(seconds)
                || !digits(fraction)) {
            return -1;
        }
        long millis = Long.parseLong(seconds) * 1000;
        String ms = (fraction + "000").substring(0, 3);
        return millis + Long.parseLong(ms);
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
