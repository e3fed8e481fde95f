package dev.proximity.search;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Search latency and result counts per call ({@code nearby}, {@code nearest}, {@code area}, {@code clusters})
 * and index, as Prometheus histograms. Tagged by those only: never by anything of the query, since a searcher's
 * location and words are theirs.
 */
@Component
class SearchMetrics {

    /** The calls answered from an index; clusters have none (tagged {@code index="none"}). */
    enum Call {
        NEARBY, NEAREST, AREA, CLUSTERS;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Key(Call call, String index) {
    }

    private final Map<Key, Timer> latency = new HashMap<>();
    private final Map<Key, DistributionSummary> matches = new HashMap<>();

    SearchMetrics(MeterRegistry registry) {
        for (Call call : Call.values()) {
            for (String index : call == Call.CLUSTERS ? new String[] {"none"} : indexNames()) {
                Key key = new Key(call, index);
                latency.put(key, Timer.builder("proximity.search.latency")
                        .description("Time to answer a search from this instance's memory")
                        .tag("call", call.tag())
                        .tag("index", index)
                        .publishPercentileHistogram()
                        .register(registry));
                matches.put(key, DistributionSummary.builder("proximity.search.matches")
                        .description("Matches after filters: the total of nearby and area, the businesses "
                                + "returned by nearest, the clusters' total")
                        .tag("call", call.tag())
                        .tag("index", index)
                        .publishPercentileHistogram()
                        .register(registry));
            }
        }
    }

    private static String[] indexNames() {
        IndexType[] types = IndexType.values();
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = types[i].apiName();
        }
        return names;
    }

    void record(Call call, IndexType index, long elapsedNanos, long total) {
        Key key = new Key(call, index == null ? "none" : index.apiName());
        latency.get(key).record(elapsedNanos, TimeUnit.NANOSECONDS);
        matches.get(key).record(total);
    }
}
