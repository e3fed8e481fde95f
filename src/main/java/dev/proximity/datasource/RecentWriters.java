package dev.proximity.datasource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Owners who wrote within the read-your-writes window. The marker is a Redis key with that TTL
 * ({@code px:v1:ryw:<owner id>}), so the next request is honoured whichever instance serves it. Each instance
 * also remembers its own writers in memory: while Redis is unreachable (then skipped for a second, so a dead
 * Redis costs no timeout per request) the guarantee still holds for requests that reach the same instance.
 */
class RecentWriters {

    static final String KEY_PREFIX = "px:v1:ryw:";
    private static final Logger log = LoggerFactory.getLogger(RecentWriters.class);
    private static final long REDIS_BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int PRUNE_ABOVE = 10_000;

    private final StringRedisTemplate redis;
    private final Duration window;
    private final Map<Long, Long> localUntilNanos = new ConcurrentHashMap<>();
    private volatile long redisSkippedUntilNanos = System.nanoTime();

    RecentWriters(StringRedisTemplate redis, Duration window) {
        this.redis = redis;
        this.window = window;
    }

    void markWrote(long ownerId) {
        long now = System.nanoTime();
        localUntilNanos.put(ownerId, now + window.toNanos());
        if (localUntilNanos.size() > PRUNE_ABOVE) {
            localUntilNanos.values().removeIf(until -> until - now < 0);
        }
        if (redisUsable(now)) {
            try {
                redis.opsForValue().set(KEY_PREFIX + ownerId, "1", window);
            } catch (RuntimeException e) {
                redisFailed(now, e);
            }
        }
    }

    boolean wroteRecently(long ownerId) {
        long now = System.nanoTime();
        Long until = localUntilNanos.get(ownerId);
        if (until != null && until - now > 0) {
            return true;
        }
        if (redisUsable(now)) {
            try {
                return Boolean.TRUE.equals(redis.hasKey(KEY_PREFIX + ownerId));
            } catch (RuntimeException e) {
                redisFailed(now, e);
            }
        }
        return false;
    }

    private boolean redisUsable(long now) {
        return now - redisSkippedUntilNanos >= 0;
    }

    private void redisFailed(long now, RuntimeException e) {
        redisSkippedUntilNanos = now + REDIS_BACKOFF_NANOS;
        log.warn("Redis unavailable for read-your-writes markers, using this instance's memory: {}",
                e.getClass().getSimpleName());
    }
}
