package dev.proximity.bench;

import dev.proximity.bench.BusinessSetGenerator.BusinessSet;
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

/** Bulk build of each index from 1,000,000 businesses held in arrays, one build per measured iteration. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class IndexBuildBenchmark {

    @Param({"GEOHASH", "QUADTREE", "S2"})
    public String index;

    private BusinessSet businesses;

    @Setup
    public void setUp() {
        businesses = BenchData.businesses();
    }

    @Benchmark
    public PointIndex build() {
        return BenchData.Kind.valueOf(index).build(businesses);
    }
}
