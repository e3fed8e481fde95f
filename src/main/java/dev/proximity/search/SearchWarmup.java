package dev.proximity.search;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.proximity.system.WarmupRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Warms a fresh instance up before it reports ready: Spring Boot turns readiness to ACCEPTING_TRAFFIC only after
 * the listeners of {@link ApplicationReadyEvent} return, so a load balancer that follows readiness sends no user
 * to an instance whose request path the JIT has not compiled yet and whose local cell layer is empty (measured:
 * 10x slower in its first seconds, {@code docs/benchmarks.md}). The instance sends itself searches over
 * HTTP (mostly nearby, some of every other call), through every index, around randomly chosen businesses of its
 * own state, until its throughput stops growing or {@code proximity.search.warmup} has passed ({@code 0} turns
 * it off). The searches are marked ({@link WarmupRequests}) so they are neither rate limited nor logged; their
 * coordinates are nobody's.
 */
@Component
class SearchWarmup {

    private static final Logger log = LoggerFactory.getLogger(SearchWarmup.class);
    private static final IndexType[] INDEXES = IndexType.values();
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final int MIN_SECONDS = 30;
    private static final int PLATEAU_SECONDS = 5;
    private static final Duration DEFAULT_BUDGET = Duration.ofSeconds(60);

    private final SearchState state;
    private final WarmupRequests marker;
    private final Duration budget;

    SearchWarmup(SearchState state, WarmupRequests marker, SearchProperties properties, Environment environment) {
        this.state = state;
        this.marker = marker;
        boolean embedded = !environment.containsProperty("spring.datasource.url")
                && environment.getProperty("proximity.embedded.enabled", Boolean.class, true);
        this.budget = properties.warmup() != null ? properties.warmup()
                : embedded ? Duration.ZERO : DEFAULT_BUDGET;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        Snapshot snapshot = state.current();
        if (budget.isZero() || snapshot.size() == 0
                || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port = web.getWebServer().getPort();
        String host = loopback.getHostAddress() + ":" + port;
        AtomicLong done = new AtomicLong();
        int threads = 4 * Runtime.getRuntime().availableProcessors(); // enough to keep every core busy
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            Thread worker = new Thread(() -> {
                Connection connection = null;
                while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                    try {
                        if (connection == null) {
                            connection = new Connection(loopback, port);
                        }
                        if (!connection.exchange(request(snapshot, random, host))) {
                            connection = close(connection);
                        }
                        done.incrementAndGet();
                    } catch (java.net.ConnectException e) {
                        return; // the instance is going away: nothing to warm
                    } catch (IOException e) {
                        connection = close(connection); // the server ended the keep-alive connection: reconnect
                    }
                }
                close(connection);
            }, "search-warmup-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        long[] rates = new long[PLATEAU_SECONDS];
        long last = 0;
        long windows = 0;
        while (System.nanoTime() < deadline && workers.stream().anyMatch(Thread::isAlive)) {
            sleep(WINDOW_NANOS);
            long count = done.get();
            rates[(int) (windows++ % rates.length)] = count - last;
            last = count;
            // the JIT and the collector's sizing take their time (measured: about a minute of load to full speed):
            // no plateau is believed before MIN_SECONDS, then PLATEAU_SECONDS seconds within 5 % of each other
            if (windows >= MIN_SECONDS && plateau(rates)) {
                break;
            }
        }
        long previous = rates[(int) ((windows + rates.length - 1) % rates.length)];
        workers.forEach(Thread::interrupt);
        log.info("Warmed up with {} searches in {} ms (last second: {}/s) before reporting ready", done.get(),
                (System.nanoTime() - started) / 1_000_000, previous);
    }

    /**
     * A random search around a business of the snapshot, as a request line and headers: mostly nearby, through
     * every index, and some of each other call (keywords from the business's own name, nearest, area, clusters),
     * so their code is compiled too before the first user's request.
     */
    private byte[] request(Snapshot snapshot, SplittableRandom random, String host) {
        // a business of the base table or of the overlay (a small first import lives in the overlay only)
        int[] live = snapshot.overlay.liveSeqs();
        int pick = random.nextInt(snapshot.table.size() + live.length);
        long handle = pick < snapshot.table.size() ? pick : -live[pick - snapshot.table.size()];
        double lat = Math.max(-89, Math.min(89, snapshot.latitude(handle) + (random.nextDouble() - 0.5) * 0.02));
        double lng = Math.max(-179, Math.min(179, snapshot.longitude(handle) + (random.nextDouble() - 0.5) * 0.02));
        double radius = Math.min(50_000, Math.round(100 * Math.exp(random.nextDouble() * Math.log(500))));
        String index = INDEXES[random.nextInt(INDEXES.length)].apiName();
        double half = 0.01;
        String path = switch (random.nextInt(20)) {
            case 0, 1 -> String.format(Locale.ROOT, "/v1/search/nearby?latitude=%.5f&longitude=%.5f&radius=%.0f"
                    + "&limit=50&index=%s&q=%s", lat, lng, radius, index, firstWord(snapshot, handle));
            case 2, 3 -> String.format(Locale.ROOT, "/v1/search/area?south=%.5f&west=%.5f&north=%.5f&east=%.5f"
                    + "&limit=50&index=%s", lat - half, lng - half, lat + half, lng + half, index);
            case 4 -> String.format(Locale.ROOT, "/v1/search/nearest?latitude=%.5f&longitude=%.5f&limit=10"
                    + "&index=%s", lat, lng, index);
            case 5 -> String.format(Locale.ROOT, "/v1/search/clusters?south=%.5f&west=%.5f&north=%.5f&east=%.5f"
                    + "&zoom=14", lat - half, lng - half, lat + half, lng + half);
            default -> String.format(Locale.ROOT, "/v1/search/nearby?latitude=%.5f&longitude=%.5f&radius=%.0f"
                    + "&limit=50&index=%s", lat, lng, radius, index);
        };
        return String.format(Locale.ROOT, "GET %s HTTP/1.1\r\nHost: %s\r\n%s: %s\r\n\r\n", path, host,
                WarmupRequests.HEADER, marker.token()).getBytes(StandardCharsets.US_ASCII);
    }

    /** The first keyword of a business's name, URL-encoded ("a" for a name without one). */
    private static String firstWord(Snapshot snapshot, long handle) {
        java.util.List<String> words = Keywords.tokens(snapshot.resolve(handle).name());
        return java.net.URLEncoder.encode(words.isEmpty() ? "a" : words.get(0), StandardCharsets.UTF_8);
    }

    /**
     * One keep-alive HTTP/1.1 connection to this instance: a plain socket, because the JDK's client could not
     * send more than about a thousand requests a second here, too few to warm the JIT in seconds.
     */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final BufferedInputStream in;
        private final OutputStream out;
        private final byte[] skip = new byte[8192];

        Connection(InetAddress address, int port) throws IOException {
            socket = new Socket(address, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5_000);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = socket.getOutputStream();
        }

        /** Sends a request and reads its answer; false when the answer had no length to find its end by. */
        boolean exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            long length = -1;
            boolean closing = false;
            StringBuilder line = new StringBuilder();
            boolean first = true;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException();
                }
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                String header = line.toString().trim().toLowerCase(Locale.ROOT);
                line.setLength(0);
                if (header.isEmpty() && !first) {
                    break;
                }
                first = false;
                if (header.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).trim());
                } else if (header.startsWith("connection:") && header.contains("close")) {
                    closing = true;
                }
            }
            for (long left = length; left > 0; ) {
                int read = in.read(skip, 0, (int) Math.min(skip.length, left));
                if (read < 0) {
                    throw new EOFException();
                }
                left -= read;
            }
            return length >= 0 && !closing;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static boolean plateau(long[] rates) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long rate : rates) {
            min = Math.min(min, rate);
            max = Math.max(max, rate);
        }
        return max > 0 && max <= min * 1.05;
    }

    private static Connection close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        return null;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
