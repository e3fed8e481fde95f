package dev.proximity.datasource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.PrimaryOutageTopology;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long the first write waits for its 503 when the primary stops between two probes, over several real
 * outages (the {@code PrimaryOutageIntegrationTests} case, repeated): the embedded primary is stopped with the
 * monitor paused and the pool's connections discarded, one PUT is timed, then the primary comes back. Prints
 * each figure and the median. Not part of {@code mvn verify} (the {@code Benchmark} suffix); run it with
 * {@code mvn -o test -Dtest=PrimaryOutageWriteLatencyBenchmark}.
 */
@PrimaryOutageTopology
class PrimaryOutageWriteLatencyBenchmark {

    static final int OUTAGES = 7;
    static final String CAFE = """
            {"name": "Cafe Latency", "category": "cafe", "latitude": 37.5664, "longitude": 126.9779}""";

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    ReplicationMonitor monitor;

    @Autowired
    HikariDataSource primaryPool;

    @Autowired
    @Qualifier("replicasHealthIndicator")
    HealthIndicator replicasHealth;

    @Test
    void firstWriteOfAnOutage() {
        ApiClient api = new ApiClient(port);
        Owner owner = api.newOwner();
        String id = api.postJson("/v1/businesses", CAFE, owner.auth()).json().get("id").asText();
        List<Long> firstMillis = new ArrayList<>();
        List<Long> nextMillis = new ArrayList<>();
        for (int i = 0; i < OUTAGES; i++) {
            monitor.stop();
            servers.postgres().stop();
            try {
                try {
                    primaryPool.getHikariPoolMXBean().softEvictConnections();
                    firstMillis.add(millisOfRefusedWrite(api, owner, id));
                } finally {
                    monitor.start();
                }
                nextMillis.add(millisOfRefusedWrite(api, owner, id));
            } finally {
                servers.postgres().restart();
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "UP".equals(replicasHealth.health().getDetails().get("primary")));
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> api.newOwner() != null);
        }
        LoggerFactory.getLogger(PrimaryOutageWriteLatencyBenchmark.class).info(
                "First write of an outage: 503 in {} ms, median {} ms; the next write: {} ms, median {} ms",
                firstMillis, median(firstMillis), nextMillis, median(nextMillis));
    }

    private static long millisOfRefusedWrite(ApiClient api, Owner owner, String id) {
        long start = System.nanoTime();
        assertThat(api.putJson("/v1/businesses/" + id, CAFE, owner.auth()).status()).isEqualTo(503);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
