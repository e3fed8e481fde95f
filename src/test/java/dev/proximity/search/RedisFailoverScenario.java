package dev.proximity.search;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.proximity.ProximityApplication;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.PageClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Redis Cluster and Sentinel failover tests share: two app instances (B and C, production mode, on the
 * test context's PostgreSQL, both Redis roles on the Redis under test), writes alternating between them with each
 * change checked on both, searches running all the while, and a primary killed in the middle. Measured: the
 * outage as the app saw it (the view's circuit breaker: first failed call to the first success after the last
 * failure), writes refused, searches answered from memory, the slowest change visibility after the kill.
 */
final class RedisFailoverScenario implements AutoCloseable {

    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);
    static final double[] CENTER = {52.5200, 13.4050};
    static final double AREA_METERS = 10_000;
    private static final Duration WRITING_AFTER_KILL = Duration.ofSeconds(8);
    private static final Logger log = LoggerFactory.getLogger(RedisFailoverScenario.class);

    /** What one run measured. */
    record Outcome(int writes, int writesRefused, long searches, long searchesFailed, double memoryFills,
            long outageMillis, long maxVisibilityMillis, List<String> late) {

        /** The guarantees of a failover: nothing refused, every search answered, every change on time. */
        void assertGuarantees() {
            assertThat(writesRefused).as("writes refused").isZero();
            assertThat(searchesFailed).as("searches not answered").isZero();
            assertThat(late).as("changes not on both instances within 2 s").isEmpty();
            assertThat(outageMillis).as("the view's Redis was away for the app").isPositive();
        }
    }

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final List<ApiClient> clients = new ArrayList<>();
    private final Random random = new Random(22);
    private final ConcurrentLinkedQueue<Long> viewFailures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> viewSuccesses = new ConcurrentLinkedQueue<>();

    /** Starts B and C with {@code redisArguments} (both roles' {@code spring.data.redis.*} and view settings). */
    RedisFailoverScenario(EmbeddedServers servers, List<String> redisArguments) throws IOException {
        String signingKey = Files.readString(servers.dataDir().resolve("token-signing-key")).strip();
        for (int node = 1011; node <= 1012; node++) {
            List<String> arguments = new ArrayList<>(List.of(
                    "--server.port=0",
                    "--spring.datasource.url=" + servers.postgres().jdbcUrl(),
                    "--spring.datasource.username=postgres",
                    "--proximity.security.token.signing-key=" + signingKey,
                    "--proximity.id.node=" + node,
                    "--management.endpoint.health.show-details=always"));
            arguments.addAll(redisArguments);
            ConfigurableApplicationContext instance = new SpringApplicationBuilder(ProximityApplication.class)
                    .run(arguments.toArray(String[]::new));
            instances.add(instance);
            clients.add(new ApiClient(((ServletWebServerApplicationContext) instance).getWebServer().getPort()));
            CircuitBreaker view = instance.getBean(CircuitBreakerRegistry.class).circuitBreaker("redis-view");
            view.getEventPublisher().onError(e -> viewFailures.add(System.nanoTime()));
            view.getEventPublisher().onSuccess(e -> viewSuccesses.add(System.nanoTime()));
        }
    }

    ApiClient b() {
        return clients.get(0);
    }

    ApiClient c() {
        return clients.get(1);
    }

    /**
     * An owner signs in on B's owner pages and is signed in on C too: the session is in the Redis under test.
     * Returns the session cookie's value.
     */
    String signInOnOneInstance(Owner owner) {
        PageClient onB = new PageClient(portOf(0));
        PageClient.Page signedIn = onB.submit(onB.get("/signin"), "form[action$=/signin]",
                Map.of("email", owner.email(), "password", owner.password()));
        assertThat(signedIn.header("Location")).endsWith("/owner/businesses");
        String session = onB.cookie("SESSION").orElseThrow().getValue();
        assertSignedInOnBoth(session);
        return session;
    }

    /** Both instances show the owner's pages to the session. */
    void assertSignedInOnBoth(String session) {
        for (int instance = 0; instance < instances.size(); instance++) {
            PageClient browser = new PageClient(portOf(instance)).withHeader("Cookie", "SESSION=" + session);
            assertThat(browser.get("/owner/businesses").status()).as("signed in on instance %s", instance)
                    .isEqualTo(200);
        }
    }

    /**
     * Writes (alternating B and C) and checks each on both instances, with searches running all the while;
     * {@code kill} runs after the first writes, then writing goes on for a while.
     */
    Outcome run(SearchOracle oracle, Owner owner, Runnable kill) throws InterruptedException {
        for (int i = 0; i < 6; i++) {
            write(oracle, owner, clients.get(i % 2), i);
            assertThat(visibleWithin(oracle, VISIBLE_WITHIN)).as("before the kill").isGreaterThanOrEqualTo(0);
        }
        AtomicBoolean searching = new AtomicBoolean(true);
        AtomicLong searches = new AtomicLong();
        AtomicLong searchesFailed = new AtomicLong();
        Thread searcher = new Thread(() -> {
            int i = 0;
            while (searching.get()) {
                ApiClient instance = clients.get(i % 2);
                String index = SearchOracle.INDEXES.get(i % 3);
                i++;
                try {
                    Response found = instance.get("/v1/search/nearby?latitude=" + CENTER[0] + "&longitude="
                            + CENTER[1] + "&radius=" + AREA_METERS + "&category=" + oracle.category() + "&index="
                            + index);
                    searches.incrementAndGet();
                    if (found.status() != 200) {
                        searchesFailed.incrementAndGet();
                        log.warn("search refused: {} {}", found.status(), found.body());
                    }
                } catch (RuntimeException e) {
                    searchesFailed.incrementAndGet();
                }
            }
        }, "failover-searches");
        searcher.start();
        double memoryBefore = memoryFills();
        viewFailures.clear();
        viewSuccesses.clear();
        kill.run();
        long killedAt = System.nanoTime();
        int writes = 0;
        int refused = 0;
        long maxVisibility = 0;
        List<String> late = new ArrayList<>();
        for (int i = 6; System.nanoTime() - killedAt < WRITING_AFTER_KILL.toNanos(); i++) {
            writes++;
            long started = System.nanoTime();
            if (!write(oracle, owner, clients.get(i % 2), i)) {
                refused++;
                continue;
            }
            long visibleMillis = visibleWithin(oracle, VISIBLE_WITHIN);
            if (visibleMillis < 0) {
                late.add("write " + i + " acknowledged " + (started - killedAt) / 1_000_000 + " ms after the kill");
            } else {
                maxVisibility = Math.max(maxVisibility, visibleMillis);
            }
        }
        searching.set(false);
        searcher.join();
        Outcome outcome = new Outcome(writes, refused, searches.get(), searchesFailed.get(),
                memoryFills() - memoryBefore, outageMillis(), maxVisibility, late);
        log.info("Redis failover as the app saw it: {}", outcome);
        return outcome;
    }

    /** Once quiet, every instance, every index, several circles: exactly the oracle. */
    void assertQuietAnswers(SearchOracle oracle) {
        Random circles = new Random(oracle.category().hashCode());
        for (ApiClient instance : clients) {
            oracle.assertAnswers(instance, CENTER[0], CENTER[1], AREA_METERS);
            for (int i = 0; i < 5; i++) {
                oracle.assertAnswers(instance, CENTER[0] + (circles.nextDouble() - 0.5) * 0.1,
                        CENTER[1] + (circles.nextDouble() - 0.5) * 0.15, 500 + circles.nextDouble() * 4_000);
            }
        }
    }

    /** The first failed call of the view's breaker to the first success after its last failure; 0 if none failed. */
    private long outageMillis() {
        List<Long> failures = new ArrayList<>(viewFailures);
        if (failures.isEmpty()) {
            return 0;
        }
        long first = failures.stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = failures.stream().mapToLong(Long::longValue).max().orElseThrow();
        long recovered = viewSuccesses.stream().mapToLong(Long::longValue).filter(t -> t > last).min()
                .orElse(System.nanoTime());
        return (recovered - first) / 1_000_000;
    }

    /** Searches answered from the instance's memory because the Redis view could not answer (both instances). */
    private double memoryFills() {
        return instances.stream().mapToDouble(instance -> instance.getBean(MeterRegistry.class)
                .find("proximity.cells.requests").tag("layer", "memory").counters().stream()
                .mapToDouble(c -> c.count()).sum()).sum();
    }

    /** A create, a move or a delete on {@code writer}; false if it was refused (not acknowledged). */
    private boolean write(SearchOracle oracle, Owner owner, ApiClient writer, int i) {
        List<Long> ids = oracle.ids();
        double lat = CENTER[0] + (random.nextDouble() - 0.5) * 0.1;
        double lng = CENTER[1] + (random.nextDouble() - 0.5) * 0.15;
        try {
            if (ids.size() < 3 || i % 3 == 0) {
                Response created = writer.postJson("/v1/businesses", oracle.body("Probe " + i, lat, lng),
                        owner.auth());
                if (created.status() != 201) {
                    log.warn("write refused: {} {}", created.status(), created.body());
                    return false;
                }
                oracle.put(Long.parseLong(created.json().get("id").asText()), lat, lng);
            } else if (i % 3 == 1) {
                long id = ids.get(random.nextInt(ids.size()));
                Response moved = writer.putJson("/v1/businesses/" + id, oracle.body("Moved " + i, lat, lng),
                        owner.auth());
                if (moved.status() != 200) {
                    log.warn("write refused: {} {}", moved.status(), moved.body());
                    return false;
                }
                oracle.put(id, lat, lng);
            } else {
                long id = ids.get(random.nextInt(ids.size()));
                Response deleted = writer.delete("/v1/businesses/" + id, owner.auth());
                if (deleted.status() != 204) {
                    log.warn("write refused: {} {}", deleted.status(), deleted.body());
                    return false;
                }
                oracle.remove(id);
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("write failed: {}", e.toString());
            return false;
        }
    }

    /** Milliseconds until both instances answer exactly the oracle, or -1 if not within {@code limit}. */
    private long visibleWithin(SearchOracle oracle, Duration limit) {
        long start = System.nanoTime();
        while (true) {
            try {
                for (ApiClient instance : clients) {
                    oracle.assertAnswers(instance, CENTER[0], CENTER[1], AREA_METERS);
                }
                return (System.nanoTime() - start) / 1_000_000;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() - start > limit.toNanos()) {
                    log.warn("not visible within {}: {}", limit, e.getMessage());
                    return -1;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    private int portOf(int instance) {
        return ((ServletWebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
    }

    @Override
    public void close() {
        instances.forEach(ConfigurableApplicationContext::close);
    }
}
