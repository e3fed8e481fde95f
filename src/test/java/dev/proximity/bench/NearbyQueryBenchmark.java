package dev.proximity.bench;

import dev.proximity.bench.QuerySetGenerator.QuerySet;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.NeighborQueryResult;
import dev.proximity.geo.PointIndex;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One nearby query per invocation, cycling through the 10,000 queries: covering, candidate lookup, exact
 * haversine filter and top 50 by (distance, id). {@link Mode#SampleTime} gives the mean and the p50/p99 of single
 * queries.
 *
 * <p>Forks pre-touch their heap: on virtual machines where a first-touch page fault is expensive (about 20 us on
 * the 2-core machine of {@code docs/benchmarks.md}), a fork otherwise spends its measured iterations faulting in
 * the eden that G1 grows into, and the p50 of every index moved from about 5 to about 20 us. Three forks, because
 * one fork's JIT outcome can differ from the next by half a microsecond.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class NearbyQueryBenchmark {

    @Param({"GEOHASH", "QUADTREE", "S2"})
    public String index;

    private PointIndex pointIndex;
    private LatLng[] centers;
    private double[] radii;
    private int next;

    @Setup
    public void setUp() {
        pointIndex = BenchData.Kind.valueOf(index).build(BenchData.businesses());
        QuerySet queries = BenchData.queries();
        centers = new LatLng[queries.size()];
        radii = queries.radiusMeters();
        for (int q = 0; q < centers.length; q++) {
            centers[q] = LatLng.ofDegrees(queries.lat()[q], queries.lng()[q]);
        }
    }

    @Benchmark
    public NeighborQueryResult nearest50() {
        int q = next;
        next = q + 1 == centers.length ? 0 : q + 1;
        return pointIndex.nearest(centers[q], radii[q], BenchData.LIMIT);
    }
}
