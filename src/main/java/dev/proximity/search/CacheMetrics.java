package dev.proximity.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code proximity.cache.requests} counters of the search cell cache, tagged {@code layer} (local, redis),
 * {@code cache} (cell, business) and {@code result} (hit, miss): hit ratio per layer is
 * {@code hit / (hit + miss)}. A local cell entry carries its businesses, so the local layer has no business
 * lookups of its own; Redis is asked for cells the local layer missed, and for the businesses of the cells it had.
 */
@Component
class CacheMetrics {

    private final Counter localCellHit;
    private final Counter localCellMiss;
    private final Counter redisCellHit;
    private final Counter redisCellMiss;
    private final Counter redisBusinessHit;
    private final Counter redisBusinessMiss;

    CacheMetrics(MeterRegistry registry) {
        localCellHit = counter(registry, "local", "cell", "hit");
        localCellMiss = counter(registry, "local", "cell", "miss");
        redisCellHit = counter(registry, "redis", "cell", "hit");
        redisCellMiss = counter(registry, "redis", "cell", "miss");
        redisBusinessHit = counter(registry, "redis", "business", "hit");
        redisBusinessMiss = counter(registry, "redis", "business", "miss");
    }

    private static Counter counter(MeterRegistry registry, String layer, String cache, String result) {
        return Counter.builder("proximity.cache.requests")
                .description("Search cell cache lookups by layer, kind and result")
                .tag("layer", layer).tag("cache", cache).tag("result", result)
                .register(registry);
    }

    void local(int hits, int misses) {
        add(localCellHit, hits);
        add(localCellMiss, misses);
    }

    void redisCells(int hits, int misses) {
        add(redisCellHit, hits);
        add(redisCellMiss, misses);
    }

    void redisBusinesses(int hits, int misses) {
        add(redisBusinessHit, hits);
        add(redisBusinessMiss, misses);
    }

    private static void add(Counter counter, int amount) {
        if (amount > 0) {
            counter.increment(amount);
        }
    }
}
