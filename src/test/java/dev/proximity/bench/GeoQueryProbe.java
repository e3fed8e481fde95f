package dev.proximity.bench;

import dev.proximity.bench.QuerySetGenerator.QuerySet;
import dev.proximity.geo.CandidateVisitor;
import dev.proximity.geo.LatLng;
import dev.proximity.geo.PointColumns;
import dev.proximity.geo.PointIndex;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Times every single query with {@code System.nanoTime} (no JMH) and prints p50, mean and p99 per index, for the
 * whole query ({@link PointIndex#nearest}, limit 50) and for the index-specific part alone (covering and range
 * lookups, candidates only counted). Each pass runs the 10,000 queries in a fresh random order, so no subset of
 * queries is favoured; the figures are the medians over the measured passes.
 *
 * <pre>
 * java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *      dev.proximity.bench.GeoQueryProbe [passes]
 * </pre>
 *
 * Running it against two builds of {@code target/classes} one after the other (or alternating) compares them on
 * the same data; the timer itself costs about 20 to 30 ns per query. Pre-touch the heap: without it, first-touch
 * page faults while G1 grows the eden can dominate the figures on a virtual machine (see docs/benchmarks.md).
 */
public final class GeoQueryProbe {

    private static volatile long consumed;

    private GeoQueryProbe() {
    }

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<String> only = args.length > 1 ? List.of(args[1].split(",")) : List.of("GEOHASH", "QUADTREE", "S2");
        QuerySetGenerator.QuerySet q = BenchData.queries();
        BusinessSetGenerator.BusinessSet businesses = BenchData.businesses();
        LatLng[] centers = new LatLng[q.size()];
        for (int i = 0; i < centers.length; i++) {
            centers[i] = LatLng.ofDegrees(q.lat()[i], q.lng()[i]);
        }
        System.out.println("| index | part | p50 us | mean us | p99 us | passes |");
        System.out.println("|---|---|---|---|---|---|");
        for (BenchData.Kind kind : BenchData.Kind.values()) {
            if (!only.contains(kind.name())) {
                continue;
            }
            PointIndex index = kind.build(businesses);
            print(kind, "whole query", measure(index, centers, q, passes, true));
            print(kind, "index only", measure(index, centers, q, passes, false));
        }
    }

    private static void print(BenchData.Kind kind, String part, double[] stats) {
        System.out.printf("| %s | %s | %.2f | %.2f | %.2f | %d |%n", kind, part, stats[0], stats[1], stats[2],
                (int) stats[3]);
    }

    /** Returns {median p50, median mean, median p99, measured passes} in microseconds. */
    private static double[] measure(PointIndex index, LatLng[] centers, QuerySet q, int passes, boolean whole) {
        int n = centers.length;
        int warmup = 5;
        long[] times = new long[n];
        double[] p50 = new double[passes];
        double[] mean = new double[passes];
        double[] p99 = new double[passes];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(1);
        Counter counter = new Counter();
        long sink = 0;
        for (int pass = 0; pass < warmup + passes; pass++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            long total = 0;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                long start = System.nanoTime();
                if (whole) {
                    sink += index.nearest(centers[i], q.radiusMeters()[i], BenchData.LIMIT).matchCount();
                } else {
                    index.visitCandidates(centers[i], q.radiusMeters()[i], counter);
                }
                long t = System.nanoTime() - start;
                times[k] = t;
                total += t;
            }
            if (pass >= warmup) {
                Arrays.sort(times);
                p50[pass - warmup] = times[n / 2] / 1000.0;
                p99[pass - warmup] = times[(int) (n * 0.99)] / 1000.0;
                mean[pass - warmup] = total / (double) n / 1000.0;
            }
        }
        consumed = sink + counter.count;
        return new double[] {median(p50), median(mean), median(p99), passes};
    }

    private static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private static final class Counter implements CandidateVisitor {
        long count;

        @Override
        public void visit(PointColumns points, int fromRow, int toRow) {
            count += toRow - fromRow;
        }
    }
}
