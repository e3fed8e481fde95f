package dev.proximity.search;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Search latency and result counts per index, as Prometheus histograms. Tagged by index only: never by anything
 * of the query, since a searcher's location is theirs.
 */
@Component
class SearchMetrics {

    private final Map<IndexType, Timer> latency = new EnumMap<>(IndexType.class);
    private final Map<IndexType, DistributionSummary> matches = new EnumMap<>(IndexType.class);

    SearchMetrics(MeterRegistry registry) {
        for (IndexType index : IndexType.values()) {
            latency.put(index, Timer.builder("proximity.search.latency")
                    .description("Time to answer a nearby search from this instance's memory")
                    .tag("index", index.apiName())
                    .publishPercentileHistogram()
                    .register(registry));
            matches.put(index, DistributionSummary.builder("proximity.search.matches")
                    .description("Businesses within the radius after filters (the total of a search)")
                    .tag("index", index.apiName())
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    void record(IndexType index, long elapsedNanos, long total) {
        latency.get(index).record(elapsedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        matches.get(index).record(total);
    }
}
