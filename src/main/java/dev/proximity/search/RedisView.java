package dev.proximity.search;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DigestUtils;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis side of the cell view: key layout, the scripts that read and change it, nothing about when (see
 * {@link RedisViewMaintainer} for writing, {@link CellLayers} for reading).
 *
 * <p><b>Keys.</b> The view is split by business id into partitions ({@link ViewPartitions}: one on a single
 * server, 16 on a Redis Cluster unless configured), each a whole view of its businesses under a hash tag of its
 * own, so a partition's scripts touch one slot while the partitions spread over the primaries. Per partition
 * (tag {@code {view}} when there is one):
 * <ul>
 * <li>{@code px:v1:{tag}:marker} = {@code "<viewId> ready <position>"}: the partition holds exactly its businesses
 * as of log {@code position}; or {@code "<viewId> busy <position>"} while a batch too large for one script (an
 * import, a rebuild) is being written, when it must not be read;</li>
 * <li>{@code px:v1:{tag}:<viewId>:gh} and {@code ...:s2}: one sorted set per index, member = business id (8 bytes,
 * big-endian), score = its geohash or S2 score ({@link CellKeys#scoreRange}), so every cell of every level is one
 * score range, and a move is one {@code ZADD} that replaces the score; each set also holds a sentinel member
 * (score -1, below every range) so a set deleted from under the view is told from an empty one.</li>
 * </ul>
 * and for the whole view {@code px:v1:{view}:lease} (which instance maintains it) and {@code px:v1:biz:<id>} =
 * {@code "<position>\n<json>"}, the business object ({@link BusinessDocument}), written only over an older position.
 * Every script touches one partition's keys or one object, so one slot. Calls to many partitions go out as one
 * pipeline (on a cluster, one per node). Nothing here has a TTL: a partition is complete or
 * known not to be. Every call goes through the circuit breaker {@code redis} and answers null (or false) instead
 * of throwing.
 */
class RedisView {

    private static final Logger log = LoggerFactory.getLogger(RedisView.class);

    static final byte[] SENTINEL = new byte[0];
    /**
     * Slots up to which a cluster call looks up each key's node itself (a cell read: one slot per partition) rather
     * than use Jedis's cluster pipeline (business objects: a slot each).
     */
    private static final int MAX_NODE_PIPELINES_SLOTS = 64;

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

    /**
     * One read of cells from every partition: the markers found (per partition, null where there is none), and the
     * ids per requested cell, all partitions' together (null when some partition was not readable).
     */
    record CellsRead(Marker[] markers, long[][] ids) {
    }

    /** One business for the view: present (with its document) or absent. */
    record Change(long id, BusinessDocument present) {
    }

    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    private final ViewPartitions partitions;

    /** @param partitions how the view is split (one partition on a single server) */
    RedisView(StringRedisTemplate redis, CircuitBreaker breaker, ViewPartitions partitions) {
        this.redis = redis;
        this.breaker = breaker;
        this.partitions = partitions;
    }

    ViewPartitions partitions() {
        return partitions;
    }

    static String objectKey(long id) {
        return "px:v1:biz:" + id;
    }

    /**
     * Every partition's marker (null where there is none or it cannot be parsed); null if Redis cannot be reached.
     * {@code forSearch}: fail at once rather than follow a cluster's failover ({@link #pipelined}).
     */
    Marker[] readMarkers(boolean forSearch) {
        List<Object> values = pipelined(partitions.count(), k -> {
            byte[] key = bytes(partitions.marker(k));
            return new Command(key, pipeline -> pipeline.get(key), nodes -> nodes.get(key));
        }, !forSearch);
        if (values == null) {
            return null;
        }
        Marker[] markers = new Marker[values.size()];
        for (int k = 0; k < markers.length; k++) {
            if (values.get(k) instanceof RuntimeException) {
                return null;
            }
            markers[k] = Marker.parse(text((byte[]) values.get(k)));
        }
        return markers;
    }

    /**
     * Reads the members of the cells' score ranges from every partition, one script per partition that returns
     * its marker with the ranges (so each partition's part is exact for the marker returned with it). {@code seen}
     * names the view id expected per partition; a partition on another view (or not ready) returns its marker only.
     */
    CellsRead read(Marker[] seen, IndexType index, long[] cells) {
        byte[][] ranges = new byte[2 * cells.length][];
        for (int i = 0; i < cells.length; i++) {
            long[] range = CellKeys.scoreRange(cells[i]);
            ranges[2 * i] = bytes(Long.toString(range[0]));
            ranges[2 * i + 1] = bytes(Long.toString(range[1]));
        }
        List<byte[][]> calls = new ArrayList<>(partitions.count());
        for (int k = 0; k < partitions.count(); k++) {
            byte[][] keysAndArgs = new byte[3 + ranges.length][];
            keysAndArgs[0] = bytes(partitions.marker(k));
            keysAndArgs[1] = bytes(partitions.set(k, seen[k].viewId(), index));
            keysAndArgs[2] = bytes(seen[k].viewId());
            System.arraycopy(ranges, 0, keysAndArgs, 3, ranges.length);
            calls.add(keysAndArgs);
        }
        List<Object> replies = runEach(READ, 2, calls, false); // a search's: memory rather than waiting
        if (replies == null) {
            return null;
        }
        Marker[] markers = new Marker[calls.size()];
        List<List<byte[]>[]> parts = new ArrayList<>(calls.size());
        boolean whole = true;
        int[] sizes = new int[cells.length];
        for (int k = 0; k < calls.size(); k++) {
            if (!(replies.get(k) instanceof List<?> reply)) {
                return null; // an error reply (a failover's MOVED, a script killed): not this read
            }
            markers[k] = reply.isEmpty() ? null : Marker.parse(text((byte[]) reply.get(0)));
            if (reply.size() != 1 + cells.length) {
                whole = false;
                continue;
            }
            @SuppressWarnings("unchecked")
            List<byte[]>[] members = new List[cells.length];
            for (int i = 0; i < cells.length; i++) {
                @SuppressWarnings("unchecked")
                List<byte[]> cellMembers = (List<byte[]>) reply.get(1 + i);
                members[i] = cellMembers;
                sizes[i] += cellMembers.size();
            }
            parts.add(members);
        }
        if (!whole) {
            return new CellsRead(markers, null);
        }
        long[][] ids = new long[cells.length][];
        for (int i = 0; i < cells.length; i++) {
            long[] cellIds = new long[sizes[i]];
            int n = 0;
            for (List<byte[]>[] members : parts) {
                for (byte[] member : members[i]) {
                    cellIds[n++] = ByteBuffer.wrap(member).getLong();
                }
            }
            ids[i] = cellIds;
        }
        return new CellsRead(markers, ids);
    }

    /** Changes of one partition's businesses, written only while its marker is {@code expected}; then {@code next}. */
    record Write(int partition, Marker expected, Marker next, List<Change> changes) {
    }

    /**
     * Writes changes of businesses of partition {@code k} to its sets if its marker is still {@code expected}, and
     * moves the marker to {@code next} (null: leave it) in the same script. True if written, false if the marker was
     * another (nothing written), null if Redis could not be reached.
     */
    Boolean apply(int k, Marker expected, Marker next, List<Change> changes) {
        boolean[] done = apply(List.of(new Write(k, expected, next, changes)));
        return done == null ? null : done[0];
    }

    /** {@link #apply(int, Marker, Marker, List)} for several partitions, in one pipeline; null if unreachable. */
    boolean[] apply(List<Write> writes) {
        List<byte[][]> calls = new ArrayList<>(writes.size());
        for (Write write : writes) {
            calls.add(applyCall(write));
        }
        List<Object> done = runEach(APPLY, 3, calls, true);
        if (done == null) {
            return null;
        }
        boolean[] written = new boolean[writes.size()];
        for (int i = 0; i < written.length; i++) {
            if (!(done.get(i) instanceof Long reply)) {
                return null;
            }
            written[i] = reply == 1;
        }
        return written;
    }

    private byte[][] applyCall(Write write) {
        List<Change> present = new ArrayList<>();
        List<Long> absent = new ArrayList<>();
        for (Change change : write.changes()) {
            if (change.present() != null) {
                present.add(change);
            } else {
                absent.add(change.id());
            }
        }
        int k = write.partition();
        byte[][] keysAndArgs = new byte[3 + 3 + 3 * present.size() + absent.size()][];
        int i = 0;
        keysAndArgs[i++] = bytes(partitions.marker(k));
        keysAndArgs[i++] = bytes(partitions.set(k, write.expected().viewId(), IndexType.GEOHASH));
        keysAndArgs[i++] = bytes(partitions.set(k, write.expected().viewId(), IndexType.S2));
        keysAndArgs[i++] = bytes(write.expected().value());
        keysAndArgs[i++] = bytes(write.next() == null ? "" : write.next().value());
        keysAndArgs[i++] = bytes(Integer.toString(present.size()));
        for (Change change : present) {
            BusinessDocument business = change.present();
            keysAndArgs[i++] = bytes(Long.toString(CellKeys.geohashScore(business.latitude(), business.longitude())));
            keysAndArgs[i++] = bytes(Long.toString(CellKeys.s2Score(business.s2Cell())));
            keysAndArgs[i++] = member(business.id());
        }
        for (long id : absent) {
            keysAndArgs[i++] = member(id);
        }
        return keysAndArgs;
    }

    /**
     * Adds businesses of partition {@code k} (and the sentinels) to a view's sets without looking at the marker: a
     * rebuild's chunk, one {@code ZADD} of many members per set.
     */
    boolean fill(int k, String viewId, List<BusinessDocument> businesses) {
        byte[] gh = bytes(partitions.set(k, viewId, IndexType.GEOHASH));
        byte[] s2 = bytes(partitions.set(k, viewId, IndexType.S2));
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
     * Per partition, whether both sets of the view its marker names are whole: each still holds its sentinel (a
     * set deleted from under the view and re-created by a later ZADD would exist but miss businesses); false for a
     * partition without a marker; null if Redis cannot be reached.
     */
    boolean[] complete(Marker[] markers) {
        List<Object> scores = pipelined(2 * markers.length, i -> {
            Marker marker = markers[i / 2];
            String viewId = marker == null ? "none" : marker.viewId();
            byte[] key = bytes(partitions.set(i / 2, viewId, i % 2 == 0 ? IndexType.GEOHASH : IndexType.S2));
            return new Command(key, pipeline -> pipeline.zscore(key, SENTINEL), nodes -> nodes.zscore(key, SENTINEL));
        }, true);
        if (scores == null) {
            return null;
        }
        boolean[] whole = new boolean[markers.length];
        for (int k = 0; k < markers.length; k++) {
            Object gh = scores.get(2 * k);
            Object s2 = scores.get(2 * k + 1);
            if (gh instanceof RuntimeException || s2 instanceof RuntimeException) {
                return null;
            }
            whole[k] = markers[k] != null && gh != null && s2 != null;
        }
        return whole;
    }

    /** Compare-and-set of partition {@code k}'s marker ({@code expected} null: none); null if unreachable. */
    Boolean swapMarker(int k, Marker expected, Marker next) {
        byte[][] keysAndArgs = {bytes(partitions.marker(k)), bytes(expected == null ? "" : expected.value()),
                bytes(next.value())};
        List<Object> done = runEach(SWAP_MARKER, 1, List.<byte[][]>of(keysAndArgs), true);
        return done == null || !(done.get(0) instanceof Long swapped) ? null : swapped == 1;
    }

    /**
     * Writes business objects (each only over an older position); false if unreachable. Pipelined: on a cluster,
     * where the objects lie in many slots, one pipeline per node.
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
        List<Object> done = runEach(PUT_OBJECT, 1, calls, true);
        return done != null && done.stream().noneMatch(RuntimeException.class::isInstance);
    }

    /** Removes a view's sets in partition {@code k} (ones a rebuild replaced), without blocking Redis. */
    void drop(int k, String viewId) {
        call(() -> redis.execute((RedisCallback<Long>) c -> c.keyCommands().unlink(
                bytes(partitions.set(k, viewId, IndexType.GEOHASH)), bytes(partitions.set(k, viewId, IndexType.S2)))));
    }

    /** Takes or extends the maintainer lease; null if Redis cannot be reached. */
    Boolean holdLease(String owner, long ttlMillis) {
        byte[][] keysAndArgs = {bytes(partitions.lease()), bytes(owner), bytes(Long.toString(ttlMillis))};
        List<Object> held = runEach(HOLD_LEASE, 1, List.<byte[][]>of(keysAndArgs), true);
        return held == null || !(held.get(0) instanceof Long holds) ? null : holds == 1;
    }

    /**
     * Runs {@code script} once per call, in one pipeline (on a cluster, one per node), by SHA; calls that find it
     * not loaded (a restarted or new primary) run again by source. Each call's reply, or the exception it ended in;
     * null if Redis could not be reached.
     */
    private List<Object> runEach(Script script, int keys, List<byte[][]> calls, boolean followFailover) {
        List<Object> replies = pipelined(calls.size(), i -> new Command(calls.get(i)[0],
                pipeline -> pipeline.evalsha(script.sha, keys, calls.get(i)),
                nodes -> nodes.evalsha(script.sha, keys, calls.get(i))), followFailover);
        if (replies == null) {
            return null;
        }
        List<Integer> unloaded = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i) instanceof RuntimeException e && Script.noScript(e)) {
                unloaded.add(i);
            }
        }
        if (unloaded.isEmpty()) {
            return replies;
        }
        List<Object> again = pipelined(unloaded.size(), i -> new Command(calls.get(unloaded.get(i))[0],
                pipeline -> pipeline.eval(script.source, keys, calls.get(unloaded.get(i))),
                nodes -> nodes.eval(script.source, keys, calls.get(unloaded.get(i)))), followFailover);
        if (again == null) {
            return null;
        }
        List<Object> merged = new ArrayList<>(replies);
        for (int i = 0; i < unloaded.size(); i++) {
            merged.set(unloaded.get(i), again.get(i));
        }
        return merged;
    }

    /**
     * One command on {@code key} (its first key), as sent in a pipeline and as sent alone through the cluster client
     * (which follows {@code MOVED} and renews its map of the slots when a node fails).
     */
    private record Command(byte[] key, Function<AbstractPipeline, Response<?>> pipelined,
            Function<JedisCluster, Object> alone) {
    }

    /**
     * Sends {@code count} commands (the {@code i}-th made by {@code command}) in one pipeline on the view's
     * connection and returns their replies in order, an error reply as the exception it raises; null if the
     * connection failed. On a cluster, commands of a few slots (a partition's each) go in one pipeline per node
     * ({@link #byNode}: Jedis's own cluster pipeline starts a thread pool for every sync, which cost a cell read
     * more than half a millisecond), commands of many slots (business objects) in Jedis's cluster pipeline; if one
     * fails or meets a moved slot (a failover), the commands are sent again one at a time if
     * {@code followFailover}, so the client learns the new primaries (the first command that still fails ends
     * it); else it fails at once: a search must not wait out the client's retries (it reads memory), and the
     * maintainer's next call, a second later at most, renews the map of the slots for every caller.
     */
    private List<Object> pipelined(int count, IntFunction<Command> command, boolean followFailover) {
        List<Command> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            commands.add(command.apply(i));
        }
        return call(() -> redis.execute((RedisCallback<List<Object>>) c -> {
            Object connection = c.getNativeConnection();
            if (!(connection instanceof JedisCluster nodes)) {
                try (AbstractPipeline pipeline = ((Jedis) connection).pipelined()) {
                    return replies(pipeline, commands);
                }
            }
            try {
                List<Object> replies;
                if (slotsOf(commands) <= MAX_NODE_PIPELINES_SLOTS) {
                    // the callback's connection is a proxy of the plain connection interface: the cluster's map
                    // of slots is asked of a cluster connection (a light wrapper of the same client)
                    try (RedisClusterConnection topology =
                            redis.getRequiredConnectionFactory().getClusterConnection()) {
                        replies = byNode(topology, nodes, commands);
                    }
                } else {
                    replies = clusterPipeline(nodes, commands);
                }
                if (replies.stream().noneMatch(JedisRedirectionException.class::isInstance)) {
                    return replies;
                }
            } catch (JedisException e) {
                if (!followFailover) {
                    throw e;
                }
                log.debug("A pipeline to the view's cluster failed ({}); sending its commands one by one",
                        e.toString());
            }
            if (!followFailover) {
                throw new JedisException("the view's cluster moved a slot");
            }
            List<Object> replies = new ArrayList<>(count);
            for (Command each : commands) {
                try {
                    replies.add(each.alone().apply(nodes));
                } catch (JedisDataException e) {
                    replies.add(e);
                }
            }
            return replies;
        }));
    }

    /** How many slots the commands' keys fall in. */
    private static int slotsOf(List<Command> commands) {
        Set<Integer> slots = new HashSet<>();
        for (Command command : commands) {
            slots.add(JedisClusterCRC16.getSlot(command.key()));
        }
        return slots.size();
    }

    /** Jedis's cluster pipeline: one per node, synced in parallel (on a thread pool of its own each time). */
    private static List<Object> clusterPipeline(JedisCluster nodes, List<Command> commands) {
        try (AbstractPipeline pipeline = nodes.pipelined()) {
            return replies(pipeline, commands);
        }
    }

    /**
     * The commands in one pipeline per node (the node Spring's view of the cluster says serves each key), on one
     * connection from the client's pool of that node, taken in the nodes' order (so that readers that each hold
     * one node's connection while waiting for the next's never wait on each other in a circle); all sent and
     * flushed before the first reply is read, so the nodes work on theirs at the same time. A node the client has
     * no pool for (yet) fails it, and the caller sends the commands one by one.
     */
    private static List<Object> byNode(RedisClusterConnection cluster, JedisCluster nodes, List<Command> commands) {
        Map<String, List<Integer>> byNode = new TreeMap<>();
        for (int i = 0; i < commands.size(); i++) {
            RedisClusterNode node = cluster.clusterGetNodeForKey(commands.get(i).key());
            byNode.computeIfAbsent(node.getHost() + ":" + node.getPort(), name -> new ArrayList<>()).add(i);
        }
        Map<String, ConnectionPool> pools = nodes.getClusterNodes();
        List<Connection> connections = new ArrayList<>(byNode.size());
        List<Pipeline> pipelines = new ArrayList<>(byNode.size());
        List<List<Response<?>>> responses = new ArrayList<>(byNode.size());
        boolean done = false;
        try {
            for (Map.Entry<String, List<Integer>> node : byNode.entrySet()) {
                ConnectionPool pool = pools.get(node.getKey());
                if (pool == null) {
                    throw new JedisException("no connections to " + node.getKey() + " yet");
                }
                Connection connection = pool.getResource();
                connections.add(connection);
                Pipeline pipeline = new Pipeline(connection);
                pipelines.add(pipeline);
                List<Response<?>> ofNode = new ArrayList<>(node.getValue().size());
                for (int i : node.getValue()) {
                    ofNode.add(commands.get(i).pipelined().apply(pipeline));
                }
                responses.add(ofNode);
            }
            for (Connection connection : connections) {
                connection.getMany(0); // flushes what the pipeline holds, reads nothing yet
            }
            Object[] replies = new Object[commands.size()];
            int n = 0;
            for (List<Integer> node : byNode.values()) {
                pipelines.get(n).sync();
                List<Response<?>> ofNode = responses.get(n);
                for (int k = 0; k < ofNode.size(); k++) {
                    replies[node.get(k)] = reply(ofNode.get(k));
                }
                n++;
            }
            done = true;
            return Arrays.asList(replies);
        } finally {
            for (Connection connection : connections) {
                if (!done) {
                    connection.setBroken(); // replies may be left unread on it: not back into the pool
                }
                connection.close();
            }
        }
    }

    private static List<Object> replies(AbstractPipeline pipeline, List<Command> commands) {
        List<Response<?>> responses = new ArrayList<>(commands.size());
        for (Command command : commands) {
            responses.add(command.pipelined().apply(pipeline));
        }
        pipeline.sync();
        List<Object> replies = new ArrayList<>(responses.size());
        for (Response<?> response : responses) {
            replies.add(reply(response));
        }
        return replies;
    }

    /** A reply, or the exception an error reply raises. */
    private static Object reply(Response<?> response) {
        try {
            return response.get();
        } catch (JedisDataException e) {
            return e;
        }
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

    /** A Lua script, run by its SHA, and by its source where Redis does not have it (yet, or any more). */
    private static final class Script {
        private final byte[] source;
        private final byte[] sha;

        Script(String source) {
            this.source = source.getBytes(StandardCharsets.UTF_8);
            this.sha = DigestUtils.sha1DigestAsHex(source).getBytes(StandardCharsets.UTF_8);
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
