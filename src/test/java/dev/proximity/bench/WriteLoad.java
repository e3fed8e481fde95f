package dev.proximity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * Closed-loop write load for {@code bench/write-bench.sh}: each connection creates a business, moves it, and
 * deletes it, over and over (one owner per connection, so owners' rate limits and ownership checks stay out of
 * each other's way). Every acknowledged write is one change log entry; the rate shows what the log's one-at-a-time
 * commit tail costs. Prints {@code RESULT writes=N seconds=S wps=... p50_ms=... p99_ms=... errors=E}.
 *
 * <pre>
 * WriteLoad --port P [--host 127.0.0.1] [--connections 8] [--duration 30] [--warmup 5]
 * </pre>
 */
public final class WriteLoad {

    private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

    private WriteLoad() {
    }

    public static void main(String[] args) throws Exception {
        var options = LoadGenerator.options(args);
        String base = "http://" + options.getOrDefault("host", "127.0.0.1") + ":" + options.get("port");
        int connections = Integer.parseInt(options.getOrDefault("connections", "8"));
        long warmup = TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("warmup", "5")));
        long duration = TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("duration", "30")));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        long measureFrom = start + warmup;
        long end = measureFrom + duration;
        List<Writer> writers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Writer writer = new Writer(http, base, token(http, base, c), c, measureFrom, end);
            writers.add(writer);
            writer.start();
        }
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long errors = 0;
        for (Writer writer : writers) {
            writer.join();
            latency.add(writer.latency);
            errors += writer.errors;
        }
        double seconds = duration / 1e9;
        System.out.println(String.format(Locale.ROOT, "RESULT writes=%d seconds=%.1f wps=%.1f p50_ms=%.3f"
                + " p99_ms=%.3f errors=%d", latency.getTotalCount(), seconds, latency.getTotalCount() / seconds,
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, errors));
    }

    private static String token(HttpClient http, String base, int c) throws Exception {
        String email = "write-load-" + c + "-" + System.nanoTime() + "@example.com";
        send(http, base + "/v1/owners", "POST", "{\"email\":\"" + email
                + "\",\"password\":\"a long passphrase\",\"name\":\"Write load\"}", null);
        HttpResponse<String> token = send(http, base + "/v1/auth/token", "POST", "{\"email\":\"" + email
                + "\",\"password\":\"a long passphrase\"}", null);
        Matcher matcher = TOKEN.matcher(token.body());
        if (!matcher.find()) {
            throw new IllegalStateException("no token: " + token.body());
        }
        return matcher.group(1);
    }

    static HttpResponse<String> send(HttpClient http, String url, String method, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final class Writer extends Thread {
        private final HttpClient http;
        private final String base;
        private final String token;
        private final SplittableRandom random;
        private final long measureFrom;
        private final long end;
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long errors;

        Writer(HttpClient http, String base, String token, int seed, long measureFrom, long end) {
            this.http = http;
            this.base = base;
            this.token = token;
            this.random = new SplittableRandom(seed);
            this.measureFrom = measureFrom;
            this.end = end;
            setDaemon(true);
        }

        @Override
        public void run() {
            String id = null;
            int step = 0;
            while (System.nanoTime() < end) {
                long sent = System.nanoTime();
                int expected;
                try {
                    HttpResponse<String> response;
                    if (id == null) {
                        response = send(http, base + "/v1/businesses", "POST", body(), token);
                        expected = 201;
                        Matcher matcher = ID.matcher(response.body());
                        id = response.statusCode() == 201 && matcher.find() ? matcher.group(1) : null;
                    } else if (step++ % 3 != 2) {
                        response = send(http, base + "/v1/businesses/" + id, "PUT", body(), token);
                        expected = 200;
                    } else {
                        response = send(http, base + "/v1/businesses/" + id, "DELETE", null, token);
                        expected = 204;
                        id = null;
                    }
                    long done = System.nanoTime();
                    if (sent >= measureFrom) {
                        if (response.statusCode() == expected) {
                            latency.recordValue(Math.min(done - sent, latency.getHighestTrackableValue()));
                        } else {
                            errors++;
                        }
                    }
                } catch (Exception e) {
                    if (sent >= measureFrom) {
                        errors++;
                    }
                    id = null;
                }
            }
        }

        private String body() {
            return String.format(Locale.ROOT, "{\"name\":\"Write load\",\"category\":\"cafe\",\"latitude\":%.6f,"
                    + "\"longitude\":%.6f}", 37.4 + random.nextDouble() * 0.3, 126.8 + random.nextDouble() * 0.3);
        }
    }
}
