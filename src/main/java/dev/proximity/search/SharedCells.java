package dev.proximity.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis layer of the cell cache. Keys (see {@link CellCache} for the protocol):
 * <ul>
 * <li>{@code px:v1:e<epoch>:gh5:wydm9}, {@code px:v1:e<epoch>:s2:<token>}: the ids and versions of the
 * businesses in a cell, {@code id36:version36,...} (empty for an empty cell), with a TTL;</li>
 * <li>{@code px:v1:ver:<cell>}: the Redis time in ms of the cell's last change, bumped by every write touching
 * the cell; a fill writes a cell only if this is still what the filler read before its database query (CAS);</li>
 * <li>{@code px:v1:biz:<id>}: a business as JSON ({@link BusinessDocument}), with a TTL; used only when its
 * version is the one the cell lists;</li>
 * <li>{@code px:v1:epoch}: the namespace of cell keys; bumped to abandon every cell at once.</li>
 * </ul>
 * Every call goes through the circuit breaker {@code redis} and answers null (or false) instead of throwing when
 * Redis is slow, down or the breaker is open: the caller then goes to the database.
 */
class SharedCells {

    private static final Logger log = LoggerFactory.getLogger(SharedCells.class);
    private static final String EPOCH_KEY = "px:v1:epoch";

    /**
     * KEYS: cell, version, ... (2 * ARGV[2] keys), then business keys; ARGV: ttl ms, number of cells, then the
     * expected version ('' = none) and value per cell, then the value per business.
     */
    private static final String FILL = """
            local cells = tonumber(ARGV[2])
            for j = 1, cells do
              local expected = ARGV[1 + 2 * j]
              local current = redis.call('GET', KEYS[2 * j])
              if (current == false and expected == '') or current == expected then
                redis.call('SET', KEYS[2 * j - 1], ARGV[2 + 2 * j], 'PX', ARGV[1])
              end
            end
            for k = 2 * cells + 1, #KEYS do
              redis.call('SET', KEYS[k], ARGV[k + 2], 'PX', ARGV[1])
            end
            return cells
            """;

    /** KEYS: cells, then their versions; returns Redis's clock in ms, the cells' values, their versions. */
    private static final String READ = """
            local t = redis.call('TIME')
            local out = {tostring(tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))}
            local values = redis.call('MGET', unpack(KEYS))
            for i = 1, #KEYS do out[i + 1] = values[i] end
            return out
            """;

    /** KEYS: versions (ARGV[1] of them), then keys to delete; ARGV: count of versions, version ttl ms. */
    private static final String EVICT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local n = tonumber(ARGV[1])
            for i = 1, n do
              local old = tonumber(redis.call('GET', KEYS[i]) or '0')
              local v = now
              if v <= old then v = old + 1 end
              redis.call('SET', KEYS[i], v, 'PX', ARGV[2])
            end
            for i = n + 1, #KEYS do redis.call('DEL', KEYS[i]) end
            return n
            """;

    /** KEYS: the epoch; ARGV: the caller's epoch. Sets max(stored, caller's) + 1 so every instance moves on. */
    private static final String BUMP_EPOCH = """
            local e = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(ARGV[1])) + 1
            redis.call('SET', KEYS[1], e)
            return e
            """;

    /** What one read of cells found, index-aligned with the request. */
    record CellsRead(String[] values, String[] versions, long nowMillis) {
    }

    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    private final ObjectMapper json;
    private final long ttlMillis;
    private final long versionTtlMillis;
    private volatile long epoch;

    SharedCells(StringRedisTemplate redis, CircuitBreaker breaker, ObjectMapper json, Duration ttl) {
        this.redis = redis;
        this.breaker = breaker;
        this.json = json;
        this.ttlMillis = ttl.toMillis();
        // far longer than any fill takes, so a version never expires between a filler's read and its CAS
        this.versionTtlMillis = Math.max(2 * ttlMillis, Duration.ofHours(1).toMillis());
    }

    long epoch() {
        return epoch;
    }

    /** Adopts a newer epoch announced by another instance; true if it was newer. */
    boolean adoptEpoch(long announced) {
        synchronized (this) {
            if (announced <= epoch) {
                return false;
            }
            epoch = announced;
            return true;
        }
    }

    /** Reads the stored epoch (start-up); false if Redis cannot be reached. */
    boolean loadEpoch() {
        Long stored = call(() -> {
            String value = redis.opsForValue().get(EPOCH_KEY);
            return value == null ? 0L : Long.parseLong(value);
        });
        if (stored == null) {
            return false;
        }
        adoptEpoch(stored);
        return true;
    }

    /** Moves every instance to a fresh namespace; returns the new epoch, or null if Redis cannot be reached. */
    Long bumpEpoch() {
        Long next = call(() -> redis.execute((RedisCallback<Long>) connection -> connection.scriptingCommands()
                .eval(bytes(BUMP_EPOCH), ReturnType.INTEGER, 1, bytes(EPOCH_KEY), bytes(Long.toString(epoch)))));
        if (next != null) {
            adoptEpoch(next);
        }
        return next;
    }

    /** Tells every instance (this one too) to use {@code epoch} from now on. */
    boolean announceEpoch(long epoch) {
        return call(() -> {
            try {
                redis.convertAndSend(BusinessChangeRelay.CHANNEL,
                        json.writeValueAsString(new BusinessChangeRelay.ChangeMessage(null, null, null, epoch)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return Boolean.TRUE;
        }) != null;
    }

    /** One round trip (one script): the cells' values (current epoch), their versions, and Redis's clock. */
    CellsRead readCells(long[] cells) {
        String prefix = cellPrefix();
        List<Object> results = call(() -> redis.execute((RedisCallback<List<Object>>) connection -> {
            byte[][] keys = new byte[2 * cells.length][];
            for (int i = 0; i < cells.length; i++) {
                String name = CellKeys.redisName(cells[i]);
                keys[i] = bytes(prefix + name);
                keys[cells.length + i] = bytes(versionKey(name));
            }
            return connection.scriptingCommands().eval(bytes(READ), ReturnType.MULTI, keys.length, keys);
        }));
        if (results == null) {
            return null;
        }
        String[] values = new String[cells.length];
        String[] versions = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = text(results.get(1 + i));
            versions[i] = text(results.get(1 + cells.length + i));
        }
        return new CellsRead(values, versions, Long.parseLong(text(results.get(0))));
    }

    private static String text(Object reply) {
        return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    /** One round trip: the business objects with these ids (null where missing or unreadable). */
    BusinessDocument[] readBusinesses(long[] ids) {
        List<String> values = call(() -> {
            List<String> keys = new ArrayList<>(ids.length);
            for (long id : ids) {
                keys.add(businessKey(id));
            }
            return redis.opsForValue().multiGet(keys);
        });
        if (values == null) {
            return null;
        }
        BusinessDocument[] documents = new BusinessDocument[ids.length];
        for (int i = 0; i < ids.length; i++) {
            String value = values.get(i);
            if (value != null) {
                try {
                    documents[i] = json.readValue(value, BusinessDocument.class);
                } catch (JsonProcessingException e) {
                    documents[i] = null; // written by another version of the app: a miss
                }
            }
        }
        return documents;
    }

    /**
     * One round trip (one script): writes each cell whose version is still {@code expectedVersions[i]} (the CAS
     * that keeps a fill racing with a write from storing the pre-write cell), and the business objects.
     */
    void fill(long[] cells, String[] expectedVersions, String[] values, List<BusinessDocument> businesses) {
        String prefix = cellPrefix();
        call(() -> redis.execute((RedisCallback<Object>) connection -> {
            int keyCount = 2 * cells.length + businesses.size();
            byte[][] keysAndArgs = new byte[keyCount + 2 + 2 * cells.length + businesses.size()][];
            int k = 0;
            for (long cell : cells) {
                String name = CellKeys.redisName(cell);
                keysAndArgs[k++] = bytes(prefix + name);
                keysAndArgs[k++] = bytes(versionKey(name));
            }
            for (BusinessDocument business : businesses) {
                keysAndArgs[k++] = bytes(businessKey(business.id()));
            }
            keysAndArgs[k++] = bytes(Long.toString(ttlMillis));
            keysAndArgs[k++] = bytes(Integer.toString(cells.length));
            for (int i = 0; i < cells.length; i++) {
                keysAndArgs[k++] = bytes(expectedVersions[i] == null ? "" : expectedVersions[i]);
                keysAndArgs[k++] = bytes(values[i]);
            }
            for (BusinessDocument business : businesses) {
                keysAndArgs[k++] = bytes(write(business));
            }
            return connection.scriptingCommands().eval(bytes(FILL), ReturnType.INTEGER, keyCount, keysAndArgs);
        }));
    }

    /**
     * One round trip, after a write committed: bumps the version of every cell holding the business before or
     * after the write, deletes those cells and the business object. False if Redis could not be reached (the
     * caller then moves everyone to a new epoch as soon as it can).
     */
    boolean evict(long[] cells, long businessId) {
        String prefix = cellPrefix();
        Object done = call(() -> redis.execute((RedisCallback<Object>) connection -> {
            byte[][] keysAndArgs = new byte[2 * cells.length + 1 + 2][];
            int k = 0;
            for (long cell : cells) {
                keysAndArgs[k++] = bytes(versionKey(CellKeys.redisName(cell)));
            }
            for (long cell : cells) {
                keysAndArgs[k++] = bytes(prefix + CellKeys.redisName(cell));
            }
            keysAndArgs[k++] = bytes(businessKey(businessId));
            keysAndArgs[k++] = bytes(Integer.toString(cells.length));
            keysAndArgs[k++] = bytes(Long.toString(versionTtlMillis));
            return connection.scriptingCommands().eval(bytes(EVICT), ReturnType.INTEGER, 2 * cells.length + 1,
                    keysAndArgs);
        }));
        return done != null;
    }

    private String cellPrefix() {
        return "px:v1:e" + epoch + ":";
    }

    private static String versionKey(String cellName) {
        return "px:v1:ver:" + cellName;
    }

    private static String businessKey(long id) {
        return "px:v1:biz:" + id;
    }

    private String write(BusinessDocument business) {
        try {
            return json.writeValueAsString(business);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs a Redis call under the breaker; null when it fails or the breaker is open. */
    private <T> T call(Supplier<T> redisCall) {
        try {
            return breaker.executeSupplier(redisCall);
        } catch (RuntimeException e) {
            log.debug("Redis call of the cell cache failed: {}", e.toString());
            return null;
        }
    }
}
