package dev.proximity.system;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTests {

    private final ClientAddress clientAddress = new ClientAddress(
            new TrustedProxiesProperties(List.of("10.0.0.0/8", "192.0.2.1", "2001:db8::/32")));

    @Test
    void socketPeerWhenThereIsNoProxy() {
        assertThat(clientAddress.of(request("203.0.113.5"))).isEqualTo("203.0.113.5");
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        assertThat(clientAddress.of(request("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void forwardedForIsBelievedFromATrustedPeer() {
        assertThat(clientAddress.of(request("10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(clientAddress.of(request("192.0.2.1", "198.51.100.1"))).isEqualTo("198.51.100.1");
    }

    @Test
    void theRightmostUntrustedHopWinsSoAClientCannotPickItsAddress() {
        // the client wrote "1.1.1.1" itself; the proxy appended the address it saw
        assertThat(clientAddress.of(request("10.0.0.1", "1.1.1.1, 198.51.100.1"))).isEqualTo("198.51.100.1");
        // two trusted proxies in a row are skipped
        assertThat(clientAddress.of(request("10.0.0.1", "1.1.1.1, 198.51.100.1, 10.9.9.9"))).isEqualTo("198.51.100.1");
        // several headers count as one list, in order
        assertThat(clientAddress.of(request("10.0.0.1", "1.1.1.1", "198.51.100.2"))).isEqualTo("198.51.100.2");
    }

    @Test
    void garbageStopsTheWalkAtTheLastGoodHop() {
        assertThat(clientAddress.of(request("10.0.0.1", "198.51.100.1, not-an-ip"))).isEqualTo("10.0.0.1");
        assertThat(clientAddress.of(request("10.0.0.1", "evil.example.com, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(clientAddress.of(request("10.0.0.1", ""))).isEqualTo("10.0.0.1");
        assertThat(clientAddress.of(request("10.0.0.1", "198.51.100.1:4711"))).isEqualTo("10.0.0.1");
    }

    @Test
    void ipv6IsCanonical() {
        assertThat(clientAddress.of(request("2001:db8:0:0:0:0:0:1", "2001:0DB9::0001"))).isEqualTo("2001:db9::1");
    }

    @Test
    void allHopsTrustedMeansTheLeftmost() {
        assertThat(clientAddress.of(request("10.0.0.1", "10.0.0.7, 10.0.0.8"))).isEqualTo("10.0.0.7");
    }

    @Test
    void aBadTrustedProxyEntryStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddress(new TrustedProxiesProperties(List.of("proxy.example.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proximity.trusted-proxies");
    }

    private static MockHttpServletRequest request(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/search/nearby");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }
}
