package dev.proximity.bench;

import dev.proximity.bench.BusinessSetGenerator.BusinessSet;
import dev.proximity.bench.QuerySetGenerator.QuerySet;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.NeighborQueryResult;
import dev.proximity.geo.PointIndex;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the geo benchmarks and prints Markdown for {@code docs/benchmarks.md}: candidate counts and heap per
 * business (measured here, in this JVM), a tuning sweep of cell budgets (rough timings), then the JMH query and
 * build benchmarks (forked JVMs). Pass {@code --no-jmh} to skip JMH, {@code --no-sweep} to skip the sweep.
 */
public final class GeoBenchmarks {

    /** Written after every timed loop so the JIT cannot drop the work it measures. */
    private static volatile long consumed;


    private GeoBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        List<String> flags = List.of(args);
        BusinessSet businesses = BenchData.businesses();
        QuerySet queries = BenchData.queries();
        describe(businesses, queries);

        System.out.println("\n### Candidates and heap (1,000,000 businesses, 10,000 queries, limit 50)\n");
        System.out.println("| index | candidates / answers (total) | mean candidates per query | mean answers per query"
                + " | heap bytes per business (GC delta) | heap bytes per business (counted) | one build, ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        Map<BenchData.Kind, PointIndex> indexes = new EnumMap<>(BenchData.Kind.class);
        for (BenchData.Kind kind : BenchData.Kind.values()) {
            long before = usedHeapAfterGc();
            long start = System.nanoTime();
            PointIndex index = kind.build(businesses);
            long buildMillis = (System.nanoTime() - start) / 1_000_000;
            long after = usedHeapAfterGc();
            indexes.put(kind, index);
            Counts counts = count(index, queries);
            System.out.printf("| %s | %.2f | %.1f | %.1f | %.1f | %.1f | %d |%n", kind, counts.ratio(),
                    counts.candidates / (double) queries.size(), counts.answers / (double) queries.size(),
                    (after - before) / (double) businesses.size(), index.heapBytes() / (double) businesses.size(),
                    buildMillis);
        }
        indexes.clear();

        if (!flags.contains("--no-sweep")) {
            sweep(businesses, queries);
        }
        if (!flags.contains("--no-jmh")) {
            runJmh();
        }
    }

    private static void describe(BusinessSet b, QuerySet q) {
        int poles = 0;
        int antimeridian = 0;
        int duplicates = 0;
        for (int i = 0; i < b.size(); i++) {
            poles += Math.abs(b.lat()[i]) == 90.0 ? 1 : 0;
            antimeridian += Math.abs(b.lng()[i]) == 180.0 ? 1 : 0;
            duplicates += i > 0 && b.lat()[i] == b.lat()[i - 1] && b.lng()[i] == b.lng()[i - 1] ? 1 : 0;
        }
        int city = 0;
        for (String kind : q.kind()) {
            city += kind.equals("city") ? 1 : 0;
        }
        System.out.printf("Data: %,d businesses (%d exactly at +-90, %d exactly at +-180, %,d exact repeats of the"
                + " previous), %,d queries (%d city, %d edge)%n", b.size(), poles, antimeridian, duplicates, q.size(),
                city, q.size() - city);
    }

    private record Counts(long candidates, long answers) {
        double ratio() {
            return candidates / (double) Math.max(1, answers);
        }
    }

    private static Counts count(PointIndex index, QuerySet q) {
        long candidates = 0;
        long answers = 0;
        for (int i = 0; i < q.size(); i++) {
            NeighborQueryResult r = index.nearest(LatLng.ofDegrees(q.lat()[i], q.lng()[i]), q.radiusMeters()[i],
                    BenchData.LIMIT);
            candidates += r.candidateCount();
            answers += r.matchCount();
        }
        return new Counts(candidates, answers);
    }

    /** Rough per-query mean (System.nanoTime over whole passes, after two warm-up passes); JMH numbers are below. */
    private static void sweep(BusinessSet businesses, QuerySet q) {
        System.out.println("\n### Tuning sweep (same data; rough single-thread means, not JMH)\n");
        System.out.println("| index | setting | candidates / answers | mean candidates per query | mean query, us |");
        System.out.println("|---|---|---|---|---|");
        Map<BenchData.Kind, int[]> settings = new EnumMap<>(BenchData.Kind.class);
        settings.put(BenchData.Kind.GEOHASH, new int[] {8, 16, 32, 64});
        settings.put(BenchData.Kind.QUADTREE, new int[] {32, 100, 256});
        settings.put(BenchData.Kind.S2, new int[] {4, 8, 16, 32});
        LatLng[] centers = new LatLng[q.size()];
        for (int i = 0; i < centers.length; i++) {
            centers[i] = LatLng.ofDegrees(q.lat()[i], q.lng()[i]);
        }
        for (Map.Entry<BenchData.Kind, int[]> entry : settings.entrySet()) {
            for (int setting : entry.getValue()) {
                PointIndex index = entry.getKey().build(businesses, setting);
                Counts counts = count(index, q);
                long sink = 0;
                long elapsed = 0;
                for (int pass = 0; pass < 5; pass++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < centers.length; i++) {
                        sink += index.nearest(centers[i], q.radiusMeters()[i], BenchData.LIMIT).matchCount();
                    }
                    if (pass >= 2) {
                        elapsed += System.nanoTime() - start;
                    }
                }
                String name = entry.getKey() == BenchData.Kind.QUADTREE ? "leaf capacity " : "max cells ";
                System.out.printf("| %s | %s%d | %.2f | %.1f | %.1f |%n", entry.getKey(), name, setting,
                        counts.ratio(), counts.candidates / (double) q.size(), elapsed / 3.0 / q.size() / 1000.0);
                consumed = sink;
            }
        }
    }

    private static void runJmh() throws RunnerException {
        Collection<RunResult> queryResults = new Runner(new OptionsBuilder()
                .include(NearbyQueryBenchmark.class.getSimpleName()).build()).run();
        Collection<RunResult> buildResults = new Runner(new OptionsBuilder()
                .include(IndexBuildBenchmark.class.getSimpleName()).build()).run();
        System.out.println("\n### JMH: one query (SampleTime, microseconds) and bulk build (SingleShotTime, ms)\n");
        System.out.println("| index | mean query, us | p50 query, us | p99 query, us | samples | median build, ms |");
        System.out.println("|---|---|---|---|---|---|");
        List<RunResult> builds = new ArrayList<>(buildResults);
        for (RunResult r : queryResults) {
            String index = r.getParams().getParam("index");
            Statistics s = r.getPrimaryResult().getStatistics();
            double buildMedian = builds.stream().filter(b -> b.getParams().getParam("index").equals(index))
                    .mapToDouble(b -> b.getPrimaryResult().getStatistics().getPercentile(50)).findFirst().orElse(-1);
            System.out.printf("| %s | %.2f | %.2f | %.2f | %d | %.0f |%n", index, s.getMean(), s.getPercentile(50),
                    s.getPercentile(99), s.getN(), buildMedian);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
