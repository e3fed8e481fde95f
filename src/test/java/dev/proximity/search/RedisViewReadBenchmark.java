package dev.proximity.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import dev.proximity.bench.BusinessSetGenerator;
import dev.proximity.bench.BusinessSetGenerator.BusinessSet;
import dev.proximity.bench.QuerySetGenerator;
import dev.proximity.bench.QuerySetGenerator.QuerySet;
import dev.proximity.geo.LatLng;
import dev.proximity.support.RedisProcesses;
import dev.proximity.support.RedisProcesses.Node;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * One cell read of the Redis view, as a fresh instance makes it for every S2 search whose cells it does not hold yet:
 * the covering of one of 10,000 generated queries read from a view of 1M generated businesses, on one
 * {@code redis-server} or on a loopback Redis Cluster of three primaries (and three replicas), with the view in one
 * partition (one slot) or split in 16. The server and cluster are started by the benchmark (Debian's
 * {@code redis-server} and {@code redis-cli} on the PATH); the time is the client's, round trips included.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class RedisViewReadBenchmark {

    @Param({"server", "cluster"})
    public String redis;

    @Param({"1", "16"})
    public int partitions;

    private RedisProcesses servers;
    private JedisConnectionFactory connections;
    private RedisView view;
    private RedisView.Marker[] markers;
    private long[][] covers;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        servers = new RedisProcesses("view-bench");
        if (redis.equals("cluster")) {
            List<Node> nodes = servers.startCluster();
            connections = new JedisConnectionFactory(new RedisClusterConfiguration(
                    nodes.stream().map(Node::hostPort).collect(Collectors.toList())), client());
        } else {
            Node server = servers.startPrimaryAndReplica().get(0);
            connections = new JedisConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()),
                    client());
        }
        connections.afterPropertiesSet();
        connections.start();
        view = new RedisView(new StringRedisTemplate(connections), CircuitBreaker.ofDefaults("bench"),
                new ViewPartitions(partitions));

        BusinessSet set = BusinessSetGenerator.generate(1_000_000, 42);
        String viewId = "bench";
        List<List<BusinessDocument>> chunks = new ArrayList<>();
        for (int k = 0; k < partitions; k++) {
            chunks.add(new ArrayList<>());
        }
        for (int i = 0; i < set.size(); i++) {
            long leaf = S2CellId.fromLatLng(S2LatLng.fromDegrees(set.lat()[i], set.lng()[i])).id();
            BusinessDocument business = new BusinessDocument(set.ids()[i], 1, "", "", set.lat()[i], set.lng()[i],
                    leaf, null, null, null, null, null);
            int k = view.partitions().of(business.id());
            chunks.get(k).add(business);
            if (chunks.get(k).size() == RedisViewMaintainer.CHUNK) {
                require(view.fill(k, viewId, chunks.get(k)));
                chunks.get(k).clear();
            }
        }
        markers = new RedisView.Marker[partitions];
        for (int k = 0; k < partitions; k++) {
            require(view.fill(k, viewId, chunks.get(k)));
            markers[k] = RedisView.Marker.ready(viewId, 1);
            require(Boolean.TRUE.equals(view.swapMarker(k, null, markers[k])));
        }

        CellKeys keys = new CellKeys(16);
        QuerySet queries = QuerySetGenerator.generate(10_000, 7);
        covers = new long[queries.size()][];
        for (int i = 0; i < covers.length; i++) {
            covers[i] = keys.cover(IndexType.S2, new LatLng(queries.lat()[i], queries.lng()[i]),
                    queries.radiusMeters()[i]);
        }
    }

    private static JedisClientConfiguration client() {
        return JedisClientConfiguration.builder().usePooling().build();
    }

    private static void require(boolean done) {
        if (!done) {
            throw new IllegalStateException("Redis did not take the benchmark's view");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        connections.destroy();
        servers.close();
    }

    /** The ids of one query's cells, from every partition; returns how many, so nothing is optimised away. */
    @Benchmark
    public int read() {
        long[] cells = covers[next++ % covers.length];
        RedisView.CellsRead read = view.read(markers, IndexType.S2, cells);
        if (read == null || read.ids() == null) {
            throw new IllegalStateException("the view could not be read");
        }
        int n = 0;
        for (long[] ids : read.ids()) {
            n += ids.length;
        }
        return n;
    }
}
