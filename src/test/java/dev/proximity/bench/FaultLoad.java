package dev.proximity.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Open-loop load for {@code bench/fault-run.sh}: searches and owner writes at fixed rates against the load
 * balancer, while the script kills and restarts parts of the topology.
 *
 * <ul>
 *   <li>{@code setup <base-url> <out-dir> <seed-businesses>}: registers the bench owners and, on an empty
 *       database, imports the seed businesses (the project's own generator) so searches find something.</li>
 *   <li>{@code run <base-url> <out-dir> <seconds> <searches/s> <writes/s> <warm-up seconds>}: after a warm-up
 *       of searches alone (not counted), the load. Searches are sent on
 *       schedule whatever the answers (latency counts from the scheduled time, so a stall is not hidden).
 *       Writes: creates with an {@code Idempotency-Key}, PUT moves and DELETEs of earlier creates, each
 *       retried (same key, same body) on a timeout, a 5xx, a 409 or a 429 until it is acknowledged.
 *       Writes {@code acked.tsv} (what the primary must hold) and {@code load-summary.txt}.</li>
 *   <li>{@code audit <out-dir>}: compares {@code acked.tsv} with {@code primary-businesses.csv} and
 *       {@code primary-idempotency.csv} (dumped from the primary with psql by the script).</li>
 * </ul>
 */
public final class FaultLoad {

    static final String WRITER_EMAIL = "fault-writer@bench.proximity.example";
    static final String SEEDER_EMAIL = "fault-seeder@bench.proximity.example";
    static final String PASSWORD = "a long bench passphrase";
    static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(5);
    static final int PRIME_CONCURRENCY = 8;
    static final long PRIME_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(5);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    static final long WRITE_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(90);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newFixedThreadPool(8))
            .build();
    private final String base;

    private FaultLoad(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> new FaultLoad(args[1]).setup(Path.of(args[2]), Integer.parseInt(args[3]));
            case "run" -> new FaultLoad(args[1]).run(Path.of(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
            case "audit" -> System.exit(Audit.run(Path.of(args[1])) ? 0 : 1);
            default -> throw new IllegalArgumentException("setup | run | audit");
        }
        System.exit(0);
    }

    // --- setup -----------------------------------------------------------------------------------------------

    private void setup(Path out, int seedBusinesses) throws Exception {
        Files.createDirectories(out);
        register(WRITER_EMAIL);
        register(SEEDER_EMAIL);
        String seeder = "Bearer " + token(SEEDER_EMAIL);
        HttpResponse<String> mine = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/owners/me/businesses?limit=1"))
                .header("Authorization", seeder).timeout(SETUP_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        boolean empty = mine.statusCode() == 200 && JSON.readTree(mine.body()).get("businesses").isEmpty();
        if (empty && seedBusinesses > 0) {
            BusinessSetGenerator.BusinessSet set = BusinessSetGenerator.generate(seedBusinesses, 42);
            StringBuilder csv = new StringBuilder("name,category,latitude,longitude\n");
            String[] categories = {"cafe", "restaurant", "bar", "pharmacy", "bakery"};
            for (int i = 0; i < set.size(); i++) {
                csv.append("Seed ").append(i).append(',').append(categories[i % categories.length]).append(',')
                        .append(plain(set.lat()[i])).append(',').append(plain(set.lng()[i])).append('\n');
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/businesses/import"))
                    .header("Authorization", seeder)
                    .header("Content-Type", "text/csv")
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("import answered " + r.statusCode() + ": " + r.body());
            }
            System.out.println("imported " + seedBusinesses + " seed businesses");
            Files.writeString(out.resolve("seeded"), "yes\n");
        }
    }

    /** Registers the owner unless it exists (409). */
    private void register(String email) throws Exception {
        String body = JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD, "name", "Bench"));
        HttpResponse<String> r = http.send(json("/v1/owners").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new IllegalStateException("register answered " + r.statusCode() + ": " + r.body());
        }
    }

    private String token(String email) throws Exception {
        String body = JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD));
        HttpResponse<String> r = http.send(json("/v1/auth/token").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("accessToken").asText();
    }

    /** Setup requests: password hashing is slow by design, more so on a busy machine. */
    private HttpRequest.Builder json(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .timeout(SETUP_TIMEOUT);
    }

    // --- run -------------------------------------------------------------------------------------------------

    private void run(Path out, int seconds, int searchRate, int writeRate, int warmupSeconds) throws Exception {
        String bearer = "Bearer " + token(WRITER_EMAIL);
        Searches searches = new Searches(seconds * searchRate, seconds);
        Writes writes = new Writes(bearer, Long.toString(System.currentTimeMillis(), 36));
        ExecutorService writers = Executors.newFixedThreadPool(64);
        QuerySetGenerator.QuerySet queries = QuerySetGenerator.generate(10_000, 7);

        prime(queries);

        // Warm-up at the same search rate, not counted: the instances' JIT and pools, and this client.
        long warmupStart = System.nanoTime();
        for (int i = 0; i < warmupSeconds * searchRate; i++) {
            LockSupport.parkNanos(warmupStart + i * (1_000_000_000L / searchRate) - System.nanoTime());
            int q = (i * 7919) % queries.size();
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + searchPath(queries, q))).timeout(SEARCH_TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
        }

        long start = System.nanoTime();
        System.out.println("load started");
        System.out.flush();
        long searchPeriod = 1_000_000_000L / searchRate;
        long writePeriod = 1_000_000_000L / writeRate;
        long nextWrite = start;
        for (int i = 0; i < searches.total; i++) {
            long due = start + i * searchPeriod;
            while (nextWrite <= due) {
                writers.execute(writes::one);
                nextWrite += writePeriod;
            }
            LockSupport.parkNanos(due - System.nanoTime());
            int q = i % queries.size();
            searches.send(i, due, searchPath(queries, q));
        }
        System.out.println("schedule done, waiting for answers and write retries");
        searches.done.await(30, TimeUnit.SECONDS);
        writers.shutdown();
        writers.awaitTermination(WRITE_DEADLINE_NANOS + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS);

        writes.writeAcked(out.resolve("acked.tsv"));
        String summary = searches.summary(seconds, searchRate) + writes.summary();
        Files.writeString(out.resolve("load-summary.txt"), summary);
        System.out.print(summary);
    }

    /**
     * Every query of the mix once, {@link #PRIME_CONCURRENCY} at a time, not counted: closed loop, so at whatever
     * rate the cluster sustains while its cell caches are cold, as a service's caches are warm after its first
     * minutes of traffic. Sent at 300/s from the start instead, a just-started cluster never catches up
     * (docs/benchmarks.md), and the run would measure a cold start rather than the faults.
     */
    private void prime(QuerySetGenerator.QuerySet queries) throws InterruptedException {
        long started = System.nanoTime();
        Semaphore inFlight = new Semaphore(PRIME_CONCURRENCY);
        AtomicInteger ok = new AtomicInteger();
        for (int q = 0; q < queries.size() && System.nanoTime() - started < PRIME_LIMIT_NANOS; q++) {
            inFlight.acquire();
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + searchPath(queries, q))).timeout(SEARCH_TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (response != null && response.statusCode() == 200) {
                            ok.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(PRIME_CONCURRENCY);
        System.err.printf("primed the caches: %d of %d queries answered 200 in %.1f s%n", ok.get(), queries.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Searches on schedule; every outcome and latency recorded by its sequence number. */
    private final class Searches {
        final int total;
        final AtomicLongArray latencyNanos;
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> errorsPerSecond = new ConcurrentHashMap<>();
        final AtomicInteger ok = new AtomicInteger();
        final CountDownLatch done;
        final long perSecond;

        Searches(int total, int seconds) {
            this.total = total;
            this.latencyNanos = new AtomicLongArray(total);
            this.done = new CountDownLatch(total);
            this.perSecond = Math.max(1, total / Math.max(1, seconds));
        }

        void send(int i, long due, String path) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(SEARCH_TIMEOUT).GET().build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                latencyNanos.set(i, System.nanoTime() - due);
                String error = e != null ? rootCause(e) : r.statusCode() == 200 ? null : "HTTP " + r.statusCode();
                if (error == null) {
                    ok.incrementAndGet();
                } else {
                    errors.computeIfAbsent(error, k -> new AtomicInteger()).incrementAndGet();
                    errorsPerSecond.computeIfAbsent((int) (i / perSecond), k -> new AtomicInteger()).incrementAndGet();
                }
                done.countDown();
            });
        }

        String summary(int seconds, int rate) {
            long[] sorted = new long[total];
            for (int i = 0; i < total; i++) {
                sorted[i] = latencyNanos.get(i);
            }
            Arrays.sort(sorted);
            StringBuilder s = new StringBuilder();
            s.append(String.format("searches: %d sent at %d/s for %d s, %d answered 200, availability %.3f%%%n",
                    total, rate, seconds, ok.get(), 100.0 * ok.get() / total));
            s.append(String.format("search latency from the scheduled send: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                    + "p99.9 %.1f ms, max %.1f ms%n", ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                    ms(sorted, 0.999), sorted[total - 1] / 1e6));
            s.append("search errors: ").append(errors.isEmpty() ? "none" : new TreeMap<>(toInts(errors))).append('\n');
            s.append("search errors by second of the run: ")
                    .append(errorsPerSecond.isEmpty() ? "none" : new TreeMap<>(toInts(errorsPerSecond))).append('\n');
            return s.toString();
        }
    }

    /** One tracked business of the writer owner and what the primary must hold for it. */
    private static final class Tracked {
        final String id;
        final String key;
        final String name;
        double lat;
        double lng;
        boolean deleted;
        boolean uncertain; // a write on it was never acknowledged: its state is one of two

        Tracked(String id, String key, String name, double lat, double lng) {
            this.id = id;
            this.key = key;
            this.name = name;
            this.lat = lat;
            this.lng = lng;
        }
    }

    /** Creates, moves and deletes, each retried until acknowledged. */
    private final class Writes {
        final String bearer;
        final String runId;
        final AtomicInteger sequence = new AtomicInteger();
        final ConcurrentLinkedQueue<Tracked> idle = new ConcurrentLinkedQueue<>();
        final List<Tracked> created = new ArrayList<>();
        final List<String> attemptedNames = new ArrayList<>();
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        Writes(String bearer, String runId) {
            this.bearer = bearer;
            this.runId = runId;
        }

        void one() {
            double u = ThreadLocalRandom.current().nextDouble();
            Tracked target = u < 0.6 || idle.size() < 10 ? null : idle.poll();
            try {
                if (target == null) {
                    create();
                } else if (u < 0.85) {
                    move(target);
                } else {
                    delete(target);
                }
            } catch (Exception e) {
                count("exception " + rootCause(e));
            }
        }

        void create() throws Exception {
            int n = sequence.incrementAndGet();
            String key = "fault-" + runId + "-" + n;
            String name = "Fault " + runId + " " + n;
            Random random = new Random(n);
            double lat = round6(37.4 + random.nextDouble() * 0.3);
            double lng = round6(126.8 + random.nextDouble() * 0.3);
            synchronized (attemptedNames) {
                attemptedNames.add(key + "\t" + name);
            }
            String body = body(name, lat, lng);
            HttpResponse<String> r = retry("create", () -> HttpRequest.newBuilder(URI.create(base + "/v1/businesses"))
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)), 201);
            if (r != null) {
                Tracked t = new Tracked(JSON.readTree(r.body()).get("id").asText(), key, name, lat, lng);
                synchronized (created) {
                    created.add(t);
                }
                idle.add(t);
            }
        }

        void move(Tracked t) throws Exception {
            double lat = round6(t.lat + 0.001);
            double lng = round6(t.lng - 0.001);
            String body = body(t.name, lat, lng);
            HttpResponse<String> r = retry("move", () -> HttpRequest.newBuilder(URI.create(base + "/v1/businesses/" + t.id))
                    .PUT(HttpRequest.BodyPublishers.ofString(body)), 200);
            if (r != null) {
                t.lat = lat;
                t.lng = lng;
                idle.add(t);
            } else {
                t.uncertain = true;
            }
        }

        void delete(Tracked t) throws Exception {
            HttpResponse<String> r = retry("delete", () -> HttpRequest.newBuilder(URI.create(base + "/v1/businesses/" + t.id))
                    .DELETE(), 204);
            if (r != null) {
                t.deleted = true;
            } else {
                t.uncertain = true;
            }
        }

        /** Sends until the expected status (the acknowledgement), or gives up at the deadline; null then. */
        HttpResponse<String> retry(String kind, RequestFactory factory, int expected) throws Exception {
            count(kind + " attempted");
            long deadline = System.nanoTime() + WRITE_DEADLINE_NANOS;
            boolean retried = false;
            for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
                String failure;
                try {
                    HttpResponse<String> r = http.send(factory.request().header("Authorization", bearer)
                            .header("Content-Type", "application/json").timeout(WRITE_TIMEOUT).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == expected) {
                        count(kind + " acknowledged");
                        return r;
                    }
                    if (kind.equals("delete") && r.statusCode() == 404 && retried) {
                        // An earlier attempt deleted it and its answer was lost.
                        count("delete acknowledged (404 on a retry after a lost answer)");
                        return r;
                    }
                    failure = "HTTP " + r.statusCode();
                    boolean retriable = r.statusCode() >= 500 || r.statusCode() == 409 || r.statusCode() == 429;
                    if (!retriable) {
                        count(kind + " refused " + failure + " " + r.body());
                        return null;
                    }
                } catch (IOException e) {
                    failure = rootCause(e);
                }
                count(kind + " retry after " + failure);
                retried = true;
                Thread.sleep(Math.min(2000, 200L * attempt));
            }
            count(kind + " gave up");
            return null;
        }

        String body(String name, double lat, double lng) throws IOException {
            return JSON.writeValueAsString(Map.of("name", name, "category", "bench", "latitude", lat, "longitude", lng));
        }

        void count(String what) {
            counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        }

        /** kind, id, key, name, expected state: present lat lng | deleted | uncertain; plus unacknowledged creates. */
        void writeAcked(Path file) throws IOException {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                java.util.Set<String> ackedKeys = new java.util.HashSet<>();
                synchronized (created) {
                    for (Tracked t : created) {
                        ackedKeys.add(t.key);
                        String state = t.uncertain ? "uncertain" : t.deleted ? "deleted" : "present\t" + t.lat + "\t" + t.lng;
                        w.println("acked\t" + t.id + "\t" + t.key + "\t" + t.name + "\t" + state);
                    }
                }
                synchronized (attemptedNames) {
                    for (String keyAndName : attemptedNames) {
                        if (!ackedKeys.contains(keyAndName.split("\t")[0])) {
                            w.println("unacked\t-\t" + keyAndName + "\tuncertain");
                        }
                    }
                }
            }
        }

        String summary() {
            StringBuilder s = new StringBuilder("writes:\n");
            new TreeMap<>(toInts(counts)).forEach((k, v) -> s.append(String.format("  %-60s %d%n", k, v)));
            return s.toString();
        }
    }

    @FunctionalInterface
    private interface RequestFactory {
        HttpRequest.Builder request() throws Exception;
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    static String searchPath(QuerySetGenerator.QuerySet queries, int q) {
        return "/v1/search/nearby?latitude=" + plain(queries.lat()[q]) + "&longitude=" + plain(queries.lng()[q])
                + "&radius=" + (long) queries.radiusMeters()[q] + "&limit=20";
    }

    static String plain(double degrees) {
        return BigDecimal.valueOf(degrees).toPlainString();
    }

    static double round6(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    static double ms(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    static <K> Map<K, Integer> toInts(Map<K, AtomicInteger> counts) {
        Map<K, Integer> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}
