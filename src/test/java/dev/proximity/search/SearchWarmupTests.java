package dev.proximity.search;

import dev.proximity.support.EmbeddedServersOnly;
import dev.proximity.system.WarmupRequests;
import dev.proximity.support.ApiClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh instance with data warms itself up before it reports ready: it has answered searches of its own
 * through every index by the time the context has started, none of them rate limited (the default limits of 40
 * searches a burst are on here) or written to the access log; a request that only claims to be a warm-up is
 * treated like any other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "proximity.search.warmup=3s", "proximity.demo.enabled=true", "proximity.demo.businesses=2000",
        "proximity.demo.largest-cities=0",
        "proximity.access-log.enabled=true",
        "proximity.rate-limit.search.burst=40", "proximity.rate-limit.search.rate=20"})
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@EmbeddedServersOnly("warms up on demo data, which is seeded in the embedded mode only")
class SearchWarmupTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WarmupRequests warmup;

    @Test
    void warmsUpThroughEveryIndexBeforeReadyUnlimitedAndUnlogged(CapturedOutput output) {
        for (IndexType index : IndexType.values()) {
            // every call through this index (most are nearby); a loaded machine sends few in 3 s
            long searches = meters.get("proximity.search.latency").tag("index", index.apiName()).timers().stream()
                    .mapToLong(io.micrometer.core.instrument.Timer::count).sum();
            assertThat(searches).as(index.apiName()).isGreaterThan(10);
        }
        assertThat(output.getOut()).contains("Warmed up with").doesNotContain("GET /v1/search/nearby");
        assertThat(new ApiClient(managementPort).get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void aForgedWarmupHeaderIsRateLimitedLikeAnyRequest() {
        ApiClient api = new ApiClient(port);
        // 120 requests from 8 threads: well past the burst of 40 however slow a loaded machine answers each one
        long limited = java.util.stream.IntStream.range(0, 120).parallel()
                .map(i -> api.get("/v1/search/nearby?latitude=37.5&longitude=127&radius=100",
                        WarmupRequests.HEADER, "not-the-token").status())
                .filter(status -> status == 429).count();
        assertThat(limited).isPositive();
        assertThat(warmup.matches("not-the-token")).isFalse();
        assertThat(warmup.matches(warmup.token())).isTrue();
    }
}
