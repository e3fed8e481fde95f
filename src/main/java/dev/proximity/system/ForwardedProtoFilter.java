package dev.proximity.system;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTPS behind a TLS-terminating proxy. The app then only sees plain HTTP from the proxy, so a request whose
 * socket peer is a trusted proxy ({@code proximity.trusted-proxies}, the same list whose
 * {@code X-Forwarded-For} is believed) and that says {@code X-Forwarded-Proto: https} is served as the HTTPS
 * request it was: {@code isSecure()}, scheme {@code https} and port 443 (or {@code X-Forwarded-Port}), so the
 * session cookie is {@code Secure} and absolute redirects stay on https. The header from anyone else changes
 * nothing. Every answer to a secure request carries {@code Strict-Transport-Security}; a plain-HTTP one never.
 *
 * <p>Not Tomcat's {@code RemoteIpValve} ({@code server.forward-headers-strategy=native}): it trusts every private
 * address by default and rewrites the socket peer, which {@link ClientAddress} and the queue-time check
 * ({@link QueueTimeFilter}) need to tell the trusted proxy's requests from anyone else's.
 */
final class ForwardedProtoFilter extends OncePerRequestFilter {

    static final String HSTS = "Strict-Transport-Security";
    /** A year, the subdomains too: Spring Security's default, so both writers say the same. */
    static final String HSTS_VALUE = "max-age=31536000 ; includeSubDomains";

    private final ClientAddress clients;

    ForwardedProtoFilter(ClientAddress clients) {
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest served = forwardedHttps(request) ? new HttpsRequest(request) : request;
        if (served.isSecure()) {
            response.setHeader(HSTS, HSTS_VALUE);
        }
        chain.doFilter(served, response);
    }

    private boolean forwardedHttps(HttpServletRequest request) {
        if (request.isSecure() || !clients.fromTrustedProxy(request)) {
            return false;
        }
        String proto = lastValue(request.getHeader("X-Forwarded-Proto"));
        return proto != null && "https".equals(proto.toLowerCase(Locale.ROOT));
    }

    /** The hop nearest to us, for a proxy that appended its value to a list. */
    private static String lastValue(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.lastIndexOf(',');
        return (comma < 0 ? header : header.substring(comma + 1)).trim();
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // error pages are answers too: HSTS and the https scheme there as well
    }

    private static final class HttpsRequest extends HttpServletRequestWrapper {

        private final int port;

        HttpsRequest(HttpServletRequest request) {
            super(request);
            this.port = port(lastValue(request.getHeader("X-Forwarded-Port")));
        }

        private static int port(String header) {
            if (header != null && header.length() <= 5 && !header.isEmpty() && header.chars().allMatch(Character::isDigit)) {
                int port = Integer.parseInt(header);
                if (port > 0 && port < 65536) {
                    return port;
                }
            }
            return 443;
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public String getScheme() {
            return "https";
        }

        @Override
        public int getServerPort() {
            return port;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer("https://").append(getServerName());
            if (port != 443) {
                url.append(':').append(port);
            }
            return url.append(getRequestURI());
        }
    }
}
