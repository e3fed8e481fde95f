package dev.proximity.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import com.google.common.net.InetAddresses;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is anyone's to write, so it is read only
 * when the socket peer is a trusted proxy ({@code proximity.trusted-proxies}), and then from the right: each
 * trusted hop is skipped and the first address not in the list is the client. Anything else is the socket peer.
 */
@Component
public class ClientAddress {

    private final List<IpAddressMatcher> trusted;

    ClientAddress(TrustedProxiesProperties properties) {
        List<IpAddressMatcher> matchers = new ArrayList<>();
        for (String cidr : properties.trustedProxies()) {
            String trimmed = cidr.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String address = trimmed.contains("/") ? trimmed.substring(0, trimmed.indexOf('/')) : trimmed;
            if (!InetAddresses.isInetAddress(address)) {
                throw new IllegalArgumentException("proximity.trusted-proxies: not an address or CIDR: " + trimmed);
            }
            matchers.add(new IpAddressMatcher(trimmed));
        }
        this.trusted = List.copyOf(matchers);
    }

    public String of(HttpServletRequest request) {
        String peer = canonical(request.getRemoteAddr());
        if (peer == null || !isTrusted(peer)) {
            return peer == null ? "unknown" : peer;
        }
        List<String> hops = forwardedFor(request);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = canonical(hops.get(i));
            if (hop == null) {
                break; // garbage left of the last good hop was written by the client itself
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    /** Whether the socket peer is a trusted proxy, whose headers (X-Forwarded-For, X-Request-Start) count. */
    public boolean fromTrustedProxy(HttpServletRequest request) {
        String peer = canonical(request.getRemoteAddr());
        return peer != null && isTrusted(peer);
    }

    private boolean isTrusted(String address) {
        for (IpAddressMatcher matcher : trusted) {
            if (matcher.matches(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        Enumeration<String> headers = request.getHeaders("X-Forwarded-For");
        for (String header : headers == null ? Collections.<String>emptyList() : Collections.list(headers)) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    /** The canonical text of an IP literal (no DNS, ever), or null for anything else. */
    private static String canonical(String address) {
        if (address == null || address.isEmpty() || address.length() > 45 || !InetAddresses.isInetAddress(address)) {
            return null;
        }
        return InetAddresses.toAddrString(InetAddresses.forString(address));
    }
}
