package dev.proximity.system;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedProtoFilterTests {

    private static final String PROXY = "10.0.0.1";

    private final ForwardedProtoFilter filter = new ForwardedProtoFilter(
            new ClientAddress(new TrustedProxiesProperties(List.of("10.0.0.0/8"))));

    @Test
    void httpsFromATrustedProxyIsServedAsHttpsWithHsts() throws Exception {
        Served served = serve(request(PROXY, "https"));

        assertThat(served.request().isSecure()).isTrue();
        assertThat(served.request().getScheme()).isEqualTo("https");
        assertThat(served.request().getServerPort()).isEqualTo(443);
        assertThat(served.request().getRequestURL()).hasToString("https://proximity.example/owner/businesses");
        assertThat(served.response().getHeader("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void theSameHeaderFromAnyoneElseChangesNothing() throws Exception {
        Served served = serve(request("203.0.113.9", "https"));

        assertThat(served.request().isSecure()).isFalse();
        assertThat(served.request().getScheme()).isEqualTo("http");
        assertThat(served.response().getHeader("Strict-Transport-Security")).isNull();
    }

    @Test
    void plainHttpGetsNoHsts() throws Exception {
        assertThat(serve(request(PROXY, "http")).response().getHeader("Strict-Transport-Security")).isNull();
        assertThat(serve(request(PROXY, null)).response().getHeader("Strict-Transport-Security")).isNull();
        assertThat(serve(request(PROXY, "https, http")).request().isSecure())
                .as("the hop nearest to the app counts").isFalse();
    }

    @Test
    void aForwardedPortIsKeptAndAnUnreadableOneIgnored() throws Exception {
        MockHttpServletRequest port = request(PROXY, "HTTPS");
        port.addHeader("X-Forwarded-Port", "8443");
        assertThat(serve(port).request().getRequestURL()).hasToString("https://proximity.example:8443/owner/businesses");

        MockHttpServletRequest garbage = request(PROXY, "https");
        garbage.addHeader("X-Forwarded-Port", "99999");
        assertThat(serve(garbage).request().getServerPort()).isEqualTo(443);
    }

    @Test
    void aDirectTlsConnectionGetsHstsToo() throws Exception {
        MockHttpServletRequest direct = request("203.0.113.9", null);
        direct.setSecure(true);
        assertThat(serve(direct).response().getHeader("Strict-Transport-Security")).isNotNull();
    }

    private static MockHttpServletRequest request(String peer, String proto) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/owner/businesses");
        request.setRemoteAddr(peer);
        request.setServerName("proximity.example");
        request.setServerPort(80);
        if (proto != null) {
            request.addHeader("X-Forwarded-Proto", proto);
        }
        return request;
    }

    private Served serve(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        filter.doFilter(request, response, (req, res) -> seen.set((HttpServletRequest) req));
        return new Served(seen.get(), response);
    }

    private record Served(HttpServletRequest request, MockHttpServletResponse response) {
    }
}
