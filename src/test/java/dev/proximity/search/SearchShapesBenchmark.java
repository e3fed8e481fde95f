package dev.proximity.search;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.spec.SecretKeySpec;

import dev.proximity.bench.BusinessSetGenerator;
import dev.proximity.bench.BusinessSetGenerator.BusinessSet;
import dev.proximity.bench.LoadBenchData;
import dev.proximity.bench.QuerySetGenerator;
import dev.proximity.bench.QuerySetGenerator.QuerySet;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.LatLngBox;
import dev.proximity.geo.s2.S2Covering;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.slf4j.LoggerFactory;

/**
 * The search calls in process, on the search state of 1M generated businesses (the load benchmark's names and
 * categories), one call per invocation cycling through the 10,000 generated queries: plain nearby (limit 50)
 * beside the same with one keyword (a name word, each in about one name of twenty), nearest 10, the area of
 * the query circle's bounding box, clusters of that box at zoom 14, and whole-world clusters at zooms 0, 3 and 6
 * (unfiltered: the cluster index; with a category: the quadtree scan). No HTTP: the server time of each call.
 * Geohash and S2 read their cells from the local layer (warm after the warm-up iterations).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class SearchShapesBenchmark {

    @Param({"S2", "QUADTREE"})
    public String index;

    private SearchState state;
    private SearchService search;
    private ClusterService clusters;
    private QuerySet queries;
    private String[] words;
    private IndexType type;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        type = IndexType.valueOf(index);
        BusinessSet set = BusinessSetGenerator.generate(1_000_000, 42);
        LoadBenchData.Text text = LoadBenchData.text(set, 42);
        CellChanges changes = new CellChanges();
        CellKeys keys = new CellKeys(16);
        state = new SearchState(changes, keys, 4096, Duration.ofHours(1), new Dictionary<>(key -> null));
        BaseTable.Builder table = new BaseTable.Builder(set.size());
        for (int i = 0; i < set.size(); i++) {
            table.add(new BusinessRow(set.ids()[i], set.lat()[i], set.lng()[i],
                    S2Covering.leafCellId(set.lat()[i], set.lng()[i]), state.categories().encode(text.categories()[i]),
                    -1, -1, text.names()[i], null));
        }
        state.replaceAll(1, table.build());
        state.current().table.clusterIndex();
        Snapshot snapshot = state.current();
        LoggerFactory.getLogger(SearchShapesBenchmark.class).info(
                "search state: {} businesses, {} bytes each counted (with the cluster index)", snapshot.size(),
                String.format(java.util.Locale.ROOT, "%.1f", snapshot.heapBytes() / (double) snapshot.size()));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CellLayers cells = new CellLayers(4_000_000, Duration.ofHours(1), changes, null, keys, meters);
        SearchMetrics metrics = new SearchMetrics(meters);
        search = new SearchService(state, cells, new PageTokens(new SecretKeySpec(new byte[32], "HmacSHA256")),
                Clock.systemUTC(), metrics);
        clusters = new ClusterService(state, metrics, Clock.systemUTC());
        queries = QuerySetGenerator.generate(10_000, 7);
        words = LoadBenchData.nameWords();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        state.shutdown();
    }

    private int nextQuery() {
        int q = next;
        next = q + 1 == queries.size() ? 0 : q + 1;
        return q;
    }

    private NearbyQuery nearbyQuery(int q, QueryFilters filters) {
        return new NearbyQuery(LatLng.ofDegrees(queries.lat()[q], queries.lng()[q]), queries.radiusMeters()[q], 50,
                filters, type, null);
    }

    private static QueryFilters keyword(String word) {
        return new QueryFilters(List.of(), false, Keywords.Query.of(word));
    }

    /** The bounding box of the query circle, cut to 100 km across as the API requires. */
    private LatLngBox box(int q) {
        double lat = queries.lat()[q];
        double lng = queries.lng()[q];
        double half = Math.min(queries.radiusMeters()[q], 35_000) / 111_195.0;
        double south = Math.max(-90, lat - half);
        double north = Math.min(90, lat + half);
        double halfLng = Math.min(179.9, half / Math.max(0.05, Math.cos(Math.toRadians(lat))));
        double west = lng - halfLng < -180 ? lng - halfLng + 360 : lng - halfLng;
        double east = lng + halfLng > 180 ? lng + halfLng - 360 : lng + halfLng;
        return new LatLngBox(south, west, north, east);
    }

    @Benchmark
    public NearbyResult nearby() {
        return search.nearby(nearbyQuery(nextQuery(), QueryFilters.NONE));
    }

    @Benchmark
    public NearbyResult nearbyKeyword() {
        int q = nextQuery();
        return search.nearby(nearbyQuery(q, keyword(words[q % words.length])));
    }

    @Benchmark
    public NearestResult nearest10() {
        int q = nextQuery();
        return search.nearest(new NearestQuery(LatLng.ofDegrees(queries.lat()[q], queries.lng()[q]), 50_000, 10,
                QueryFilters.NONE, type));
    }

    @Benchmark
    public NearbyResult area() {
        return search.area(new AreaQuery(box(nextQuery()), 50, QueryFilters.NONE, type, null));
    }

    @Benchmark
    public ClusterResult clustersZoom14() {
        return clusters.clusters(new ClusterQuery(box(nextQuery()), 14, QueryFilters.NONE));
    }

    @Benchmark
    public ClusterResult worldClustersZoom0() {
        return clusters.clusters(new ClusterQuery(LatLngBox.world(), 0, QueryFilters.NONE));
    }

    @Benchmark
    public ClusterResult worldClustersZoom3() {
        return clusters.clusters(new ClusterQuery(LatLngBox.world(), 3, QueryFilters.NONE));
    }

    @Benchmark
    public ClusterResult worldClustersZoom6() {
        return clusters.clusters(new ClusterQuery(LatLngBox.world(), 6, QueryFilters.NONE));
    }

    @Benchmark
    public ClusterResult worldClustersZoom3Category() {
        return clusters.clusters(new ClusterQuery(LatLngBox.world(), 3,
                new QueryFilters(List.of("pharmacy"), false, null)));
    }
}
