package dev.proximity.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class QueueTimeFilterTests {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00.500Z");
    private static final String PROXY = "127.0.0.1";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void answers503AtOnceWhenASafeRequestQueuedLongerThanTheLimit() throws Exception {
        MockHttpServletResponse response = run(filter(Duration.ofSeconds(2)), request("GET", PROXY, 3_000));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentAsString()).contains("waited too long").doesNotContain("Exception");
        assertThat(meters.get("proximity.overload.shed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void servesRequestsThatQueuedLessThanTheLimit() throws Exception {
        assertServed(filter(Duration.ofSeconds(2)), request("GET", PROXY, 1_999));
        assertServed(filter(Duration.ofSeconds(2)), request("HEAD", PROXY, 1_000));
    }

    @Test
    void believesTheHeaderOnlyFromATrustedProxy() throws Exception {
        assertServed(filter(Duration.ofSeconds(2)), request("GET", "203.0.113.9", 3_000));
    }

    @Test
    void takesAHeaderOverAMinuteOldForClockSkewAndServes() throws Exception {
        assertServed(filter(Duration.ofSeconds(2)), request("GET", PROXY, 61_000));
    }

    @Test
    void neverShedsAWrite() throws Exception {
        assertServed(filter(Duration.ofSeconds(2)), request("POST", PROXY, 3_000));
    }

    @Test
    void servesRequestsWithoutOrWithAnUnreadableHeaderAndWhenTurnedOff() throws Exception {
        MockHttpServletRequest none = new MockHttpServletRequest("GET", "/v1/search/nearby");
        none.setRemoteAddr(PROXY);
        assertServed(filter(Duration.ofSeconds(2)), none);
        MockHttpServletRequest garbage = request("GET", PROXY, 0);
        garbage.removeHeader(QueueTimeFilter.HEADER);
        garbage.addHeader(QueueTimeFilter.HEADER, "t=yesterday");
        assertServed(filter(Duration.ofSeconds(2)), garbage);
        assertServed(filter(Duration.ZERO), request("GET", PROXY, 3_000));
    }

    @Test
    void readsNginxMsecWithOrWithoutThePrefix() {
        assertThat(QueueTimeFilter.arrivedMillis("t=1733312345.678")).isEqualTo(1_733_312_345_678L);
        assertThat(QueueTimeFilter.arrivedMillis("1733312345.6")).isEqualTo(1_733_312_345_600L);
        assertThat(QueueTimeFilter.arrivedMillis(" t=1733312345 ")).isEqualTo(1_733_312_345_000L);
        assertThat(QueueTimeFilter.arrivedMillis("t=1733312345.123456")).isEqualTo(1_733_312_345_123L);
        for (String bad : List.of("", "t=", "t=-5", "t=1.2.3", "t=1e9", "t=99999999999999", "t=.5", "t=12,5")) {
            assertThat(QueueTimeFilter.arrivedMillis(bad)).as(bad).isEqualTo(-1);
        }
    }

    private QueueTimeFilter filter(Duration maxQueueTime) {
        return new QueueTimeFilter(new OverloadProperties(maxQueueTime),
                new ClientAddress(new TrustedProxiesProperties(List.of("127.0.0.1/32"))),
                new ProblemResponseWriter(new ObjectMapper()), Clock.fixed(NOW, ZoneOffset.UTC), meters);
    }

    /** A request nginx received {@code queuedMillis} before {@link #NOW}, arriving from {@code peer}. */
    private static MockHttpServletRequest request(String method, String peer, long queuedMillis) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/v1/search/nearby");
        request.setRemoteAddr(peer);
        long arrived = NOW.toEpochMilli() - queuedMillis;
        request.addHeader(QueueTimeFilter.HEADER, "t=" + arrived / 1000 + "." + String.format("%03d", arrived % 1000));
        return request;
    }

    private static MockHttpServletResponse run(QueueTimeFilter filter, MockHttpServletRequest request)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static void assertServed(QueueTimeFilter filter, MockHttpServletRequest request) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        assertThat(chain.getRequest()).as("passed on").isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
