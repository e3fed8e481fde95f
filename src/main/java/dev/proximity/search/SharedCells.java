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

    /** KEYS: cell, version, cell, version, ...; ARGV: ttl ms, then expected version ('' = none) and value per cell. */
    private static final String FILL = """
            local n = 0
            for i = 1, #KEYS, 2 do
              local j = (i + 1) / 2
              local expected = ARGV[2 * j]
              local current = redis.call('GET', KEYS[i + 1])
              if (current == false and expected == '') or current == expected then
                redis.call('SET', KEYS[i], ARGV[2 * j + 1], 'PX', ARGV[1])
                n = n + 1
              end
            end
            return n
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

    /** One round trip: the cells' values (current epoch), their versions, and Redis's clock. */
    CellsRead readCells(long[] cells) {
        String prefix = cellPrefix();
        List<Object> results = call(() -> redis.executePipelined((RedisCallback<Object>) connection -> {
            byte[][] valueKeys = new byte[cells.length][];
            byte[][] versionKeys = new byte[cells.length][];
            for (int i = 0; i < cells.length; i++) {
                String name = CellKeys.redisName(cells[i]);
                valueKeys[i] = bytes(prefix + name);
                versionKeys[i] = bytes(versionKey(name));
            }
            connection.stringCommands().mGet(valueKeys);
            connection.stringCommands().mGet(versionKeys);
            connection.serverCommands().time();
            return null;
        }));
        if (results == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) results.get(0);
        @SuppressWarnings("unchecked")
        List<String> versions = (List<String>) results.get(1);
        return new CellsRead(values.toArray(new String[0]), versions.toArray(new String[0]),
                ((Number) results.get(2)).longValue());
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
     * One round trip: writes each cell whose version is still {@code expectedVersions[i]} (the CAS that keeps a
     * fill racing with a write from storing the pre-write cell), and the business objects.
     */
    void fill(long[] cells, String[] expectedVersions, String[] values, List<BusinessDocument> businesses) {
        String prefix = cellPrefix();
        call(() -> redis.executePipelined((RedisCallback<Object>) connection -> {
            if (cells.length > 0) {
                byte[][] keysAndArgs = new byte[2 * cells.length + 1 + 2 * cells.length][];
                int k = 0;
                for (long cell : cells) {
                    String name = CellKeys.redisName(cell);
                    keysAndArgs[k++] = bytes(prefix + name);
                    keysAndArgs[k++] = bytes(versionKey(name));
                }
                keysAndArgs[k++] = bytes(Long.toString(ttlMillis));
                for (int i = 0; i < cells.length; i++) {
                    keysAndArgs[k++] = bytes(expectedVersions[i] == null ? "" : expectedVersions[i]);
                    keysAndArgs[k++] = bytes(values[i]);
                }
                connection.scriptingCommands().eval(bytes(FILL), ReturnType.INTEGER, 2 * cells.length, keysAndArgs);
            }
            for (BusinessDocument business : businesses) {
                connection.stringCommands().set(bytes(businessKey(business.id())), bytes(write(business)),
                        org.springframework.data.redis.core.types.Expiration.milliseconds(ttlMillis),
                        org.springframework.data.redis.connection.RedisStringCommands.SetOption.upsert());
            }
            return null;
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
