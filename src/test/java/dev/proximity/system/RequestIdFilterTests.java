package dev.proximity.system;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Which traceparent headers give a request its id, and what a generated id looks like. */
class RequestIdFilterTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Test
    void takesTheTraceIdOfAValidTraceparent() {
        assertThat(RequestIdFilter.traceIdOf(TRACEPARENT)).isEqualTo(TRACE_ID);
        // a later version may append fields after another dash
        assertThat(RequestIdFilter.traceIdOf("01-" + TRACE_ID + "-00f067aa0ba902b7-01-later")).isEqualTo(TRACE_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", // trace-id one digit short
            "00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01", // one digit long
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // uppercase
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace-id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent-id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // the forbidden version
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x", // version 00 has nothing more
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
            "00-4bf92f3577b34da6\n3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6\"a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-\"} injected {\"a\":\"b\"\r\n0e4736-00f067aa0ba902b7-01"})
    void refusesAnythingThatIsNotExactlyATraceparent(String header) {
        assertThat(RequestIdFilter.traceIdOf(header)).isNull();
    }

    @Test
    void generatesDistinctTraceIdShapedIds() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestIdFilter.generate();
            assertThat(id).matches("[0-9a-f]{32}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void putsTheIdInTheMdcAttributeAndHeaderAndClearsTheMdcAfter() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/search/nearby");
        request.addHeader("traceparent", TRACEPARENT);
        MockHttpServletResponse response = new MockHttpServletResponse();
        String[] seen = new String[1];
        new RequestIdFilter().doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                seen[0] = MDC.get(RequestIdFilter.MDC_KEY);
            }
        });
        assertThat(seen[0]).isEqualTo(TRACE_ID);
        assertThat(RequestIdFilter.of(request)).isEqualTo(TRACE_ID);
        assertThat(response.getHeader(RequestIdFilter.HEADER)).isEqualTo(TRACE_ID);
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
    }
}
