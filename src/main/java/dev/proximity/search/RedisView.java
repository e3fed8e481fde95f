package dev.proximity.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DigestUtils;

/**
 * The Redis side of the cell view: key layout, the scripts that read and change it, nothing about when (see
 * {@link RedisViewMaintainer} for writing, {@link CellLayers} for reading).
 *
 * <p><b>Keys.</b> The view's keys share the hash tag {@code {view}}, so they live in one hash slot and a script
 * may touch several of them on a Redis Cluster too:
 * <ul>
 * <li>{@code px:v1:{view}:marker} = {@code "<viewId> ready <position>"}: the view holds exactly the businesses as
 * of log {@code position}; or {@code "<viewId> busy <position>"} while a batch too large for one script (an
 * import, a rebuild) is being written, when it must not be read;</li>
 * <li>{@code px:v1:{view}:<viewId>:gh} and {@code ...:s2}: one sorted set per index, member = business id (8 bytes,
 * big-endian), score = its geohash or S2 score ({@link CellKeys#scoreRange}), so every cell of every level is one
 * score range, and a move is one {@code ZADD} that replaces the score; each set also holds a sentinel member
 * (score -1, below every range) so a set deleted from under the view is told from an empty one;</li>
 * <li>{@code px:v1:{view}:lease}: which instance maintains the view;</li>
 * <li>{@code px:v1:biz:<id>} = {@code "<position>\n<json>"}: the business object ({@link BusinessDocument}),
 * written only over an older position.</li>
 * </ul>
 * On a Redis Cluster every script and multi-key command touches one slot: the marker, lease and sets share
 * {@code {view}}; a business object is one key in a slot of its own, written one script call at a time. Nothing
 * here has a TTL: the view is complete or known not to be. Every call goes through the circuit breaker
 * {@code redis} and answers null (or false) instead of throwing.
 */
class RedisView {

    private static final Logger log = LoggerFactory.getLogger(RedisView.class);

    static final String MARKER = "px:v1:{view}:marker";
    static final String LEASE = "px:v1:{view}:lease";
    static final byte[] SENTINEL = new byte[0];

    /** KEYS: marker, set; ARGV: view id, then min, max per cell. Returns {marker} or {marker, range...}. */
    private static final Script READ = new Script("""
            local m = redis.call('GET', KEYS[1])
            if not m then return {} end
            local vid, state = string.match(m, '^(%S+) (%S+) ')
            if vid ~= ARGV[1] or state ~= 'ready' or not redis.call('ZSCORE', KEYS[2], '') then return {m} end
            local out = {m}
            for i = 2, #ARGV, 2 do
              out[#out + 1] = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[i], ARGV[i + 1])
            end
            return out
            """);

    /**
     * KEYS: marker, geohash set, S2 set; ARGV: expected marker, new marker ('' = keep), number of additions, then
     * geohash score, S2 score, member per addition, then the members to remove. Returns 0 if the marker was not
     * the expected one (another maintainer moved it) or a set lost its sentinel (it was deleted: the next round
     * rebuilds), and nothing is written; else 1.
     */
    private static final Script APPLY = new Script("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            if not redis.call('ZSCORE', KEYS[2], '') or not redis.call('ZSCORE', KEYS[3], '') then return 0 end
            local n = tonumber(ARGV[3])
            local i = 4
            for k = 1, n do
              redis.call('ZADD', KEYS[2], ARGV[i], ARGV[i + 2])
              redis.call('ZADD', KEYS[3], ARGV[i + 1], ARGV[i + 2])
              i = i + 3
            end
            while i <= #ARGV do
              redis.call('ZREM', KEYS[2], ARGV[i])
              redis.call('ZREM', KEYS[3], ARGV[i])
              i = i + 1
            end
            if ARGV[2] ~= '' then redis.call('SET', KEYS[1], ARGV[2]) end
            return 1
            """);

    /** KEYS: marker; ARGV: expected ('' = none), new. Compare and set; 1 if set. */
    private static final Script SWAP_MARKER = new Script("""
            local m = redis.call('GET', KEYS[1])
            if (m == false and ARGV[1] == '') or m == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """);

    /** KEYS: object; ARGV: position, value ('' = delete). Writes only over an older position. */
    private static final Script PUT_OBJECT = new Script("""
            local current = redis.call('GET', KEYS[1])
            if current then
              local p = tonumber(string.match(current, '^(%d+)'))
              if p and p >= tonumber(ARGV[1]) then return 0 end
            end
            if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[1] .. '\\n' .. ARGV[2]) end
            return 1
            """);

    /** KEYS: lease; ARGV: owner, ttl ms. Takes a free lease or extends one's own; 1 if held now. */
    private static final Script HOLD_LEASE = new Script("""
            local holder = redis.call('GET', KEYS[1])
            if holder == false or holder == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0
            """);

    /** What the marker says. */
    record Marker(String viewId, boolean ready, long position) {

        static Marker parse(String value) {
            if (value == null) {
                return null;
            }
            String[] parts = value.split(" ");
            if (parts.length != 3) {
                return null;
            }
            try {
                return new Marker(parts[0], "ready".equals(parts[1]), Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        static Marker ready(String viewId, long position) {
            return new Marker(viewId, true, position);
        }

        static Marker busy(String viewId, long position) {
            return new Marker(viewId, false, position);
        }

        String value() {
            return viewId + (ready ? " ready " : " busy ") + position;
        }
    }

    /** One read of cells: the marker found, and the ids per requested cell (null when not readable). */
    record CellsRead(Marker marker, long[][] ids) {
    }

    /** One business for the view: present (with its document) or absent. */
    record Change(long id, BusinessDocument present) {
    }

    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    private final boolean cluster;

    /** @param cluster whether {@code redis} is a Redis Cluster (no pipelines; a script's keys in one slot) */
    RedisView(StringRedisTemplate redis, CircuitBreaker breaker, boolean cluster) {
        this.redis = redis;
        this.breaker = breaker;
        this.cluster = cluster;
    }

    static String setKey(String viewId, IndexType index) {
        return "px:v1:{view}:" + viewId + (index == IndexType.GEOHASH ? ":gh" : ":s2");
    }

    static String objectKey(long id) {
        return "px:v1:biz:" + id;
    }

    /** What reading the marker found: {@code marker} is null when there is none. */
    record MarkerRead(Marker marker) {
    }

    /** The marker; null if Redis cannot be reached. */
    MarkerRead readMarker() {
        return call(() -> redis.execute((RedisCallback<MarkerRead>) c ->
                new MarkerRead(Marker.parse(text(c.stringCommands().get(bytes(MARKER)))))));
    }

    /** Reads the members of the cells' score ranges in one script, with the marker they are exact for. */
    CellsRead read(String viewId, IndexType index, long[] cells) {
        byte[][] keysAndArgs = new byte[3 + 2 * cells.length][];
        keysAndArgs[0] = bytes(MARKER);
        keysAndArgs[1] = bytes(setKey(viewId, index));
        keysAndArgs[2] = bytes(viewId);
        for (int i = 0; i < cells.length; i++) {
            long[] range = CellKeys.scoreRange(cells[i]);
            keysAndArgs[3 + 2 * i] = bytes(Long.toString(range[0]));
            keysAndArgs[4 + 2 * i] = bytes(Long.toString(range[1]));
        }
        List<Object> reply = call(() -> redis.execute(
                (RedisCallback<List<Object>>) c -> READ.run(c, ReturnType.MULTI, 2, keysAndArgs)));
        if (reply == null) {
            return null;
        }
        Marker marker = reply.isEmpty() ? null : Marker.parse(text((byte[]) reply.get(0)));
        if (reply.size() != 1 + cells.length) {
            return new CellsRead(marker, null);
        }
        long[][] ids = new long[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            @SuppressWarnings("unchecked")
            List<byte[]> members = (List<byte[]>) reply.get(1 + i);
            long[] cellIds = new long[members.size()];
            for (int k = 0; k < cellIds.length; k++) {
                cellIds[k] = ByteBuffer.wrap(members.get(k)).getLong();
            }
            ids[i] = cellIds;
        }
        return new CellsRead(marker, ids);
    }

    /**
     * Writes changes to the view's sets if the marker is still {@code expected}, and moves it to {@code next}
     * (null: leave it) in the same script. True if written, false if the marker was another (nothing written),
     * null if Redis could not be reached.
     */
    Boolean apply(Marker expected, Marker next, List<Change> changes) {
        List<Change> present = new ArrayList<>();
        List<Long> absent = new ArrayList<>();
        for (Change change : changes) {
            if (change.present() != null) {
                present.add(change);
            } else {
                absent.add(change.id());
            }
        }
        byte[][] keysAndArgs = new byte[3 + 3 + 3 * present.size() + absent.size()][];
        int k = 0;
        keysAndArgs[k++] = bytes(MARKER);
        keysAndArgs[k++] = bytes(setKey(expected.viewId(), IndexType.GEOHASH));
        keysAndArgs[k++] = bytes(setKey(expected.viewId(), IndexType.S2));
        keysAndArgs[k++] = bytes(expected.value());
        keysAndArgs[k++] = bytes(next == null ? "" : next.value());
        keysAndArgs[k++] = bytes(Integer.toString(present.size()));
        for (Change change : present) {
            BusinessDocument business = change.present();
            keysAndArgs[k++] = bytes(Long.toString(CellKeys.geohashScore(business.latitude(), business.longitude())));
            keysAndArgs[k++] = bytes(Long.toString(CellKeys.s2Score(business.s2Cell())));
            keysAndArgs[k++] = member(business.id());
        }
        for (long id : absent) {
            keysAndArgs[k++] = member(id);
        }
        Long done = call(() -> redis.execute(
                (RedisCallback<Long>) c -> APPLY.run(c, ReturnType.INTEGER, 3, keysAndArgs)));
        return done == null ? null : done == 1;
    }

    /**
     * Adds businesses (and the sentinels) to a view's sets without looking at the marker: a rebuild's chunk, one
     * {@code ZADD} of many members per set (no pipeline: a cluster connection has none).
     */
    boolean fill(String viewId, List<BusinessDocument> businesses) {
        byte[] gh = bytes(setKey(viewId, IndexType.GEOHASH));
        byte[] s2 = bytes(setKey(viewId, IndexType.S2));
        Set<Tuple> geohash = new HashSet<>();
        Set<Tuple> cells = new HashSet<>();
        geohash.add(Tuple.of(SENTINEL, -1d));
        cells.add(Tuple.of(SENTINEL, -1d));
        for (BusinessDocument business : businesses) {
            byte[] member = member(business.id());
            geohash.add(Tuple.of(member, (double) CellKeys.geohashScore(business.latitude(), business.longitude())));
            cells.add(Tuple.of(member, (double) CellKeys.s2Score(business.s2Cell())));
        }
        return call(() -> redis.execute((RedisCallback<Long>) c -> {
            c.zSetCommands().zAdd(gh, geohash, ZAddArgs.empty());
            return c.zSetCommands().zAdd(s2, cells, ZAddArgs.empty());
        })) != null;
    }

    /**
     * Whether both sets of the view are whole: each still holds its sentinel (a set deleted from under the view and
     * re-created by a later ZADD would exist but miss businesses); null if Redis cannot be reached.
     */
    Boolean complete(String viewId) {
        return call(() -> redis.execute((RedisCallback<Boolean>) c ->
                c.zSetCommands().zScore(bytes(setKey(viewId, IndexType.GEOHASH)), SENTINEL) != null
                        && c.zSetCommands().zScore(bytes(setKey(viewId, IndexType.S2)), SENTINEL) != null));
    }

    /** Compare-and-set of the marker ({@code expected} null: there must be none); null if unreachable. */
    Boolean swapMarker(Marker expected, Marker next) {
        byte[][] keysAndArgs = {bytes(MARKER), bytes(expected == null ? "" : expected.value()), bytes(next.value())};
        Long done = call(() -> redis.execute(
                (RedisCallback<Long>) c -> SWAP_MARKER.run(c, ReturnType.INTEGER, 1, keysAndArgs)));
        return done == null ? null : done == 1;
    }

    /**
     * Writes business objects (each only over an older position); false if unreachable. Pipelined on one server;
     * on a cluster, where the objects lie in many slots and a connection has no pipeline, one script call each.
     */
    boolean putObjects(long position, List<Change> changes, com.fasterxml.jackson.databind.ObjectMapper json) {
        List<byte[][]> calls = new ArrayList<>(changes.size());
        for (Change change : changes) {
            String value;
            try {
                value = change.present() == null ? "" : json.writeValueAsString(change.present());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            calls.add(new byte[][] {bytes(objectKey(change.id())), bytes(Long.toString(position)), bytes(value)});
        }
        if (cluster) {
            return call(() -> redis.execute((RedisCallback<Boolean>) c -> {
                for (byte[][] keyAndArgs : calls) {
                    PUT_OBJECT.run(c, ReturnType.INTEGER, 1, keyAndArgs);
                }
                return true;
            })) != null;
        }
        // a pipeline answers later, so the script must be there before it starts (a no-op when it is)
        if (call(() -> redis.execute((RedisCallback<String>) c -> c.scriptingCommands().scriptLoad(PUT_OBJECT.source)))
                == null) {
            return false;
        }
        return call(() -> redis.executePipelined((RedisCallback<Object>) c -> {
            for (byte[][] keyAndArgs : calls) {
                c.scriptingCommands().evalSha(PUT_OBJECT.sha, ReturnType.INTEGER, 1, keyAndArgs);
            }
            return null;
        })) != null;
    }

    /** Removes a view's sets (one a rebuild replaced), without blocking Redis. */
    void drop(String viewId) {
        call(() -> redis.execute((RedisCallback<Long>) c -> c.keyCommands().unlink(
                bytes(setKey(viewId, IndexType.GEOHASH)), bytes(setKey(viewId, IndexType.S2)))));
    }

    /** Takes or extends the maintainer lease; null if Redis cannot be reached. */
    Boolean holdLease(String owner, long ttlMillis) {
        byte[][] keysAndArgs = {bytes(LEASE), bytes(owner), bytes(Long.toString(ttlMillis))};
        Long held = call(() -> redis.execute(
                (RedisCallback<Long>) c -> HOLD_LEASE.run(c, ReturnType.INTEGER, 1, keysAndArgs)));
        return held == null ? null : held == 1;
    }

    static byte[] member(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** Runs a Redis call under the breaker; null when it fails or the breaker is open. */
    private <T> T call(Supplier<T> redisCall) {
        try {
            return breaker.executeSupplier(redisCall);
        } catch (RuntimeException e) {
            log.debug("Redis call of the search view failed: {}", e.toString());
            return null;
        }
    }

    /** A Lua script run by its SHA, loaded on first use (and again after Redis lost it). */
    private static final class Script {
        private final byte[] source;
        private final byte[] sha;

        Script(String source) {
            this.source = source.getBytes(StandardCharsets.UTF_8);
            this.sha = DigestUtils.sha1DigestAsHex(source).getBytes(StandardCharsets.UTF_8);
        }

        @SuppressWarnings("unchecked")
        <T> T run(RedisConnection connection, ReturnType type, int keys, byte[]... keysAndArgs) {
            try {
                return (T) connection.scriptingCommands().evalSha(sha, type, keys, keysAndArgs);
            } catch (RuntimeException e) {
                if (!noScript(e)) {
                    throw e;
                }
                return (T) connection.scriptingCommands().eval(source, type, keys, keysAndArgs);
            }
        }

        private static boolean noScript(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                    return true;
                }
            }
            return false;
        }
    }
}
