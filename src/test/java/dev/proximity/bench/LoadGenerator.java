package dev.proximity.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Closed-loop load generator of {@code bench/load-bench.sh}: one thread per connection, each sending the next
 * query of the mix as soon as the previous answer is read (as wrk does), for the nearby search over HTTP, for
 * Redis GEOSEARCH or for the same search in PostGIS ({@link PostgisDWithinTarget}), so that all of them are driven
 * with the same client model and cost. Every answer is timed with
 * {@link System#nanoTime()} into an HdrHistogram; a warm-up phase runs first and is not counted.
 * Prints one {@code RESULT key=value ...} line, the same keys as {@code bench/nearby.lua}.
 * With {@code --once} there is no warm-up and no time limit: every query of the mix is sent exactly once (the
 * connections share them out), which is how {@code bench/load-bench.sh} measures a cold cache.
 * With {@code --client-warmup-port P} it first warms its own request path up for {@code --client-warmup} seconds
 * (10) against a warm server on port P, unmeasured; with {@code --await-ready URL} it then waits until that URL
 * answers 200 (a fresh instance's readiness) and starts the measured run that instant.
 * With {@code --split S} it also prints {@code RESULT_FIRST} (the first S seconds after the start, warm-up or not:
 * a fresh instance's first seconds) and {@code RESULT_REST} (the rest of the run); with {@code --windows} one
 * {@code WINDOW second=N ...} line per second of the run, so a spike (an import landing, say) shows.
 *
 * <pre>
 * LoadGenerator --target http|redis|postgis --port P --queries queries.csv [--host 127.0.0.1]
 *               [--connections 8] [--duration 60] [--warmup 10] [--once] [--index s2] [--limit 50]
 *               [--key businesses] [--database postgres] [--user postgres] [--redis-range-only]
 *               [--shape nearby|keyword|nearest|area|clusters|world-clusters] [--radius M] [--zoom Z]
 * </pre>
 * {@code --shape} (http only; default nearby) chooses the search call each query becomes, {@code --radius} a
 * radius for every nearby and keyword query, {@code --zoom} the clusters' zoom: see {@link HttpNearbyTarget}.
 * The http target also prints {@code TARGET shape=... boxes_shrunk=... answers=... mean_body_bytes=...} and,
 * when an answer was not 2xx, {@code FIRST_ERROR <request line> -> <status> <start of the body>}.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String target = required(options, "target");
        String host = options.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(required(options, "port"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "8"));
        long durationNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("duration", "60")));
        long warmupNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("warmup", "10")));
        int limit = Integer.parseInt(options.getOrDefault("limit", "50"));
        LoadQueries queries = LoadQueries.read(Path.of(required(options, "queries")),
                options.containsKey("redis-range-only"));
        LoadTarget loadTarget = switch (target) {
            case "http" -> new HttpNearbyTarget(host, port, options.get("index"), limit,
                    HttpNearbyTarget.Shape.of(options.getOrDefault("shape", "nearby")), options.get("radius"),
                    options.containsKey("zoom") ? Integer.valueOf(options.get("zoom")) : null);
            case "redis" -> new RedisGeoSearchTarget(host, port, options.getOrDefault("key", "businesses"), limit);
            case "postgis" -> new PostgisDWithinTarget(
                    "jdbc:postgresql://" + host + ":" + port + "/" + options.getOrDefault("database", "postgres")
                            + "?user=" + options.getOrDefault("user", "postgres"), limit);
            default -> throw new IllegalArgumentException("--target must be http, redis or postgis");
        };
        loadTarget.prepare(queries);
        if (options.containsKey("client-warmup-port")) {
            // this JVM's own first seconds are slow too: warm its request path up on a warm server first
            LoadTarget warmTarget = new HttpNearbyTarget(host, Integer.parseInt(options.get("client-warmup-port")),
                    options.get("index"), limit);
            warmTarget.prepare(queries);
            long warmEnd = System.nanoTime()
                    + TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("client-warmup", "10")));
            List<Worker> warmers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                Worker warmer = new Worker(warmTarget, queries.size(), c * (queries.size() / connections),
                        Integer.MAX_VALUE, System.nanoTime(), System.nanoTime(), warmEnd, 0, 0);
                warmers.add(warmer);
                warmer.start();
            }
            for (Worker warmer : warmers) {
                warmer.join();
            }
        }
        if (options.containsKey("await-ready")) {
            long waitFrom = System.nanoTime();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(options.get("await-ready"))).timeout(java.time.Duration.ofSeconds(2)).build();
            while (true) {
                try {
                    if (http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            System.out.println(String.format(Locale.ROOT, "READY waited_ms=%d at_epoch_ms=%d",
                    (System.nanoTime() - waitFrom) / 1_000_000, System.currentTimeMillis()));
        }

        boolean once = options.containsKey("once");
        long splitNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("split", "0")));
        boolean windows = options.containsKey("windows");
        long start = System.nanoTime();
        long measureFrom = once ? start : start + warmupNanos;
        long end = once ? Long.MAX_VALUE : measureFrom + durationNanos;
        List<Worker> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int first = c * (queries.size() / connections);
            int count = !once ? Integer.MAX_VALUE
                    : c == connections - 1 ? queries.size() - first : queries.size() / connections;
            Worker worker = new Worker(loadTarget, queries.size(), first, count, start, measureFrom, end,
                    splitNanos, windows ? (int) ((end == Long.MAX_VALUE ? 3_600_000_000_000L : end - start) / 1_000_000_000L) + 1 : 0);
            workers.add(worker);
            worker.start();
        }
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram firstPart = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Histogram restPart = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long statusErrors = 0;
        long socketErrors = 0;
        long firstErrors = 0;
        for (Worker worker : workers) {
            worker.join();
            latency.add(worker.latency);
            firstPart.add(worker.first);
            restPart.add(worker.rest);
            statusErrors += worker.statusErrors;
            socketErrors += worker.socketErrors;
            firstErrors += worker.firstErrors;
        }
        if (windows) {
            int seconds = workers.get(0).perSecond.length;
            for (int w = 0; w < seconds; w++) {
                Histogram window = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                for (Worker worker : workers) {
                    if (worker.perSecond[w] != null) {
                        window.add(worker.perSecond[w]);
                    }
                }
                if (window.getTotalCount() == 0 && w > 0) {
                    continue;
                }
                System.out.println(String.format(Locale.ROOT, "WINDOW second=%d requests=%d p50_ms=%.3f p99_ms=%.3f"
                        + " max_ms=%.3f", w, window.getTotalCount(), ms(window.getValueAtPercentile(50)),
                        ms(window.getValueAtPercentile(99)), ms(window.getMaxValue())));
            }
        }
        if (splitNanos > 0) {
            double restSeconds = (Math.min(end, System.nanoTime()) - start - splitNanos) / 1e9;
            System.out.println(String.format(Locale.ROOT, "RESULT_FIRST seconds=%.2f requests=%d rps=%.1f p50_ms=%.3f"
                    + " p99_ms=%.3f max_ms=%.3f errors=%d", splitNanos / 1e9, firstPart.getTotalCount(),
                    firstPart.getTotalCount() / (splitNanos / 1e9), ms(firstPart.getValueAtPercentile(50)),
                    ms(firstPart.getValueAtPercentile(99)), ms(firstPart.getMaxValue()), firstErrors));
            System.out.println(String.format(Locale.ROOT, "RESULT_REST seconds=%.2f requests=%d rps=%.1f p50_ms=%.3f"
                    + " p99_ms=%.3f max_ms=%.3f", restSeconds, restPart.getTotalCount(),
                    restPart.getTotalCount() / restSeconds, ms(restPart.getValueAtPercentile(50)),
                    ms(restPart.getValueAtPercentile(99)), ms(restPart.getMaxValue())));
        }
        double seconds = once ? (System.nanoTime() - start) / 1e9 : durationNanos / 1e9;
        long requests = latency.getTotalCount() + socketErrors;
        System.out.println(String.format(Locale.ROOT,
                "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f"
                        + " errors_status=%d errors_socket=%d queries=%d",
                requests, seconds, latency.getTotalCount() / seconds, ms(latency.getValueAtPercentile(50)),
                ms(latency.getValueAtPercentile(90)), ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()),
                statusErrors, socketErrors, queries.size()));
        if (loadTarget.summary() != null) {
            System.out.println("TARGET " + loadTarget.summary());
        }
        if (loadTarget.firstError() != null) {
            System.out.println("FIRST_ERROR " + loadTarget.firstError());
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** One connection, closed loop; a socket error is counted and the connection reopened. */
    private static final class Worker extends Thread {

        private final LoadTarget target;
        private final int queryCount;
        private final long start;
        private final long measureFrom;
        private final long end;
        private final long splitNanos;
        private int next;
        private int remaining;
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final Histogram first = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final Histogram rest = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final Histogram[] perSecond;
        long statusErrors;
        long socketErrors;
        long firstErrors;

        Worker(LoadTarget target, int queryCount, int firstQuery, int count, long start, long measureFrom, long end,
                long splitNanos, int seconds) {
            this.target = target;
            this.queryCount = queryCount;
            this.next = firstQuery;
            this.remaining = count;
            this.start = start;
            this.measureFrom = measureFrom;
            this.end = end;
            this.splitNanos = splitNanos;
            this.perSecond = new Histogram[seconds];
            setDaemon(true);
        }

        /** The split and per-second records count from the start, warm-up included. */
        private void recordPhases(long sentAt, long done, boolean failed) {
            long latencyNanos = Math.min(done - sentAt, latency.getHighestTrackableValue());
            long since = done - start;
            if (splitNanos > 0) {
                if (since < splitNanos) {
                    if (failed) {
                        firstErrors++;
                    } else {
                        first.recordValue(latencyNanos);
                    }
                } else if (!failed) {
                    rest.recordValue(latencyNanos);
                }
            }
            int second = (int) (since / 1_000_000_000L);
            if (!failed && second < perSecond.length) {
                if (perSecond[second] == null) {
                    perSecond[second] = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                }
                perSecond[second].recordValue(latencyNanos);
            }
        }

        @Override
        public void run() {
            LoadTarget.Connection connection = null;
            long now = System.nanoTime();
            while (now < end && remaining-- > 0) {
                boolean counted = now >= measureFrom;
                try {
                    if (connection == null) {
                        connection = target.open();
                    }
                    boolean ok = connection.query(next);
                    long done = System.nanoTime();
                    recordPhases(now, done, !ok);
                    if (counted) {
                        latency.recordValue(Math.min(done - now, latency.getHighestTrackableValue()));
                        if (!ok) {
                            statusErrors++;
                        }
                    }
                    now = done;
                } catch (IOException | RuntimeException e) {
                    recordPhases(now, System.nanoTime(), true);
                    if (counted) {
                        socketErrors++;
                    }
                    closeQuietly(connection);
                    connection = null;
                    now = System.nanoTime();
                }
                next = next + 1 == queryCount ? 0 : next + 1;
            }
            closeQuietly(connection);
        }

        private static void closeQuietly(LoadTarget.Connection connection) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException | RuntimeException ignored) {
                    // already broken
                }
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
