package dev.proximity.search;

import dev.proximity.support.EmbeddedServersOnly;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.ProximityApplication;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Freshness under the faults a real deployment meets, black-box over HTTP: two instances on one PostgreSQL and
 * one Redis (A, this test's context; B, a second context whose every Redis connection goes through a
 * {@link TcpProxy}), and for one test a third instance in a child JVM that is killed. Every acknowledged write
 * must be in the other instances' answers within 1 s while things are normal or the fault lasts (the change log
 * is read from PostgreSQL, whatever Redis does) and within 2 s of the fault healing; once quiet, every index's
 * answer on every instance equals the brute-force oracle over the acknowledged writes. The Redis view is split in
 * {@value #VIEW_PARTITIONS} partitions, as on a Redis Cluster, so every fault also meets partitions that stand at
 * different positions or are rebuilt alone.
 */
@ApiIntegrationTest
@TestPropertySource(properties = { // a context (and servers) of its own, health details shown
        "proximity.test.context=freshness-faults", "management.endpoint.health.show-details=always",
        "proximity.search.view-redis.partitions=" + FreshnessFaultTests.VIEW_PARTITIONS})
@DirtiesContext // flushes, kills and restarts its Redis
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EmbeddedServersOnly("starts further instances on the first one's servers and breaks their connections")
class FreshnessFaultTests {

    static final int VIEW_PARTITIONS = 3;
    static final ViewPartitions PARTITIONS = new ViewPartitions(VIEW_PARTITIONS);
    static final Duration NORMAL = Duration.ofSeconds(1);
    static final Duration AFTER_HEAL = Duration.ofSeconds(2);
    static final double[] CENTER = {48.8566, 2.3522};
    static final double AREA_METERS = 20_000;

    @LocalServerPort
    int portA;

    @LocalManagementPort
    int managementPortA;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    StringRedisTemplate redis;

    TcpProxy redisProxyOfB;
    ConfigurableApplicationContext instanceB;
    ApiClient a;
    ApiClient b;
    ApiClient operationsA;
    ApiClient operationsB;
    Owner owner;
    final Random random = new Random(23);

    @BeforeAll
    void startSecondInstance() throws IOException {
        redisProxyOfB = new TcpProxy(servers.redis().port());
        instanceB = new SpringApplicationBuilder(ProximityApplication.class).run(arguments(
                redisProxyOfB.port(), 1003, 0).toArray(String[]::new));
        a = new ApiClient(portA);
        b = new ApiClient(((ServletWebServerApplicationContext) instanceB).getWebServer().getPort());
        operationsA = new ApiClient(managementPortA);
        operationsB = new ApiClient(Integer.parseInt(instanceB.getEnvironment().getProperty("local.management.port")));
        owner = a.newOwner();
    }

    @AfterAll
    void stopSecondInstance() {
        if (instanceB != null) {
            instanceB.close();
        }
        if (redisProxyOfB != null) {
            redisProxyOfB.close();
        }
    }

    private List<String> arguments(int redisPort, int node, int httpPort) throws IOException {
        String signingKey = Files.readString(servers.dataDir().resolve("token-signing-key")).strip();
        return List.of(
                "--server.port=" + httpPort,
                "--management.server.port=" + httpPort, // B: a free port of its own; C: its HTTP port
                "--spring.datasource.url=" + servers.postgres().jdbcUrl(),
                "--spring.datasource.username=postgres",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redisPort,
                "--proximity.security.token.signing-key=" + signingKey,
                "--proximity.id.node=" + node,
                "--proximity.demo.enabled=false",
                "--proximity.rate-limit.enabled=false",
                "--proximity.search.warmup=0s",
                "--proximity.search.view-redis.partitions=" + VIEW_PARTITIONS,
                "--management.endpoint.health.show-details=always");
    }

    @Test
    @Order(1)
    void aRedisConnectionThatStopsForwardingAndResumes() {
        SearchOracle oracle = new SearchOracle(category("stall"));
        redisProxyOfB.stall();
        try {
            writeAndExpectOn(oracle, a, b, NORMAL, 3);
            oracle.assertAnswers(b, CENTER[0], CENTER[1], AREA_METERS);
        } finally {
            redisProxyOfB.resume();
        }
        writeAndExpectOn(oracle, a, b, AFTER_HEAL, 3);
        writeAndExpectOn(oracle, b, a, AFTER_HEAL, 2);
        assertQuietAnswers(oracle);
    }

    @Test
    @Order(2)
    void aRedisConnectionThatGoesSilentForGoodWhileStayingOpen() {
        SearchOracle oracle = new SearchOracle(category("halfopen"));
        redisProxyOfB.freezeOpenConnections();
        writeAndExpectOn(oracle, a, b, NORMAL, 3);
        // the subscription notices the silence, reconnects (new connections work) and wake-ups flow again
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(changeLogHealth(b).path("details").path("wakeupsSubscribed").asBoolean()).isTrue());
        writeAndExpectOn(oracle, a, b, NORMAL, 3);
        writeAndExpectOn(oracle, b, a, NORMAL, 2);
        assertQuietAnswers(oracle);
    }

    @Test
    @Order(3)
    void pubSubConnectionsKilledBeforeEachWrite() {
        SearchOracle oracle = new SearchOracle(category("pubsub"));
        for (int i = 0; i < 6; i++) {
            redis.execute((RedisCallback<Object>) c -> killPubSubClients(c));
            writeAndExpectOn(oracle, i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, NORMAL, 1);
        }
        assertQuietAnswers(oracle);
    }

    @Test
    @Order(4)
    void keysDeletedAtRandomWhileWritesGoOn() throws Exception {
        SearchOracle oracle = new SearchOracle(category("randomdel"));
        AtomicBoolean deleting = new AtomicBoolean(true);
        ExecutorService deleter = Executors.newSingleThreadExecutor();
        Future<Integer> deleted = deleter.submit(() -> {
            int count = 0;
            while (deleting.get()) {
                Boolean removed = redis.execute((RedisCallback<Boolean>) c -> {
                    byte[] key = c.keyCommands().randomKey();
                    return key != null && c.keyCommands().del(key) > 0;
                });
                if (Boolean.TRUE.equals(removed)) {
                    count++;
                }
                Thread.sleep(5);
            }
            return count;
        });
        try {
            for (int i = 0; i < 12; i++) {
                writeAndExpectOn(oracle, i % 2 == 0 ? a : b, i % 2 == 0 ? b : a, NORMAL, 1);
            }
        } finally {
            deleting.set(false);
            assertThat(deleted.get()).isPositive();
            deleter.shutdown();
        }
        assertQuietAnswers(oracle);
        awaitViewCaughtUp();
        assertQuietAnswers(oracle);
    }

    @Test
    @Order(5)
    void flushAll() {
        SearchOracle oracle = new SearchOracle(category("flush"));
        writeAndExpectOn(oracle, a, b, NORMAL, 2);
        redis.execute((RedisCallback<Object>) c -> {
            c.serverCommands().flushAll();
            return null;
        });
        writeAndExpectOn(oracle, a, b, NORMAL, 2);
        writeAndExpectOn(oracle, b, a, NORMAL, 2);
        awaitViewCaughtUp();
        double[] before = redisHits();
        assertQuietAnswers(oracle);
        // the rebuilt view is used again: some cells came from Redis (the local layers were bypassed by new
        // positions) and the answers above were still exact
        writeAndExpectOn(oracle, a, b, NORMAL, 1);
        awaitViewCaughtUp();
        oracle.assertAnswers(b, CENTER[0], CENTER[1], AREA_METERS);
        assertThat(redisHits()[0] + redisHits()[1]).isGreaterThan(before[0] + before[1]);
    }

    @Test
    @Order(6)
    void redisRestarted() {
        SearchOracle oracle = new SearchOracle(category("restart"));
        writeAndExpectOn(oracle, a, b, NORMAL, 2);
        servers.redis().stop();
        try {
            for (ApiClient instance : List.of(a, b)) {
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(operations(instance)
                        .get("/actuator/health").json().path("components").path("redis").path("status").asText())
                        .isEqualTo("DOWN"));
            }
            writeAndExpectOn(oracle, a, b, NORMAL, 2);
            writeAndExpectOn(oracle, b, a, NORMAL, 2);
        } finally {
            servers.redis().restart();
        }
        writeAndExpectOn(oracle, a, b, AFTER_HEAL, 2);
        writeAndExpectOn(oracle, b, a, AFTER_HEAL, 2);
        awaitViewCaughtUp();
        assertQuietAnswers(oracle);
    }

    @Test
    @Order(7)
    void anInstanceKilledRightAfterItAcknowledgedAWrite() throws Exception {
        SearchOracle oracle = new SearchOracle(category("killed"));
        ChildInstance c = ChildInstance.start(arguments(servers.redis().port(), 1004, freePort()));
        try {
            ApiClient instanceC = new ApiClient(c.port);
            for (int i = 0; i < 3; i++) {
                double[] at = randomPlace();
                Response created = instanceC.postJson("/v1/businesses", oracle.body("Killed " + i, at[0], at[1]),
                        owner.auth());
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                oracle.put(Long.parseLong(created.json().get("id").asText()), at[0], at[1]);
            }
            double[] at = randomPlace();
            Response last = instanceC.postJson("/v1/businesses", oracle.body("Last words", at[0], at[1]),
                    owner.auth());
            c.kill(); // right after the acknowledgement: nothing of C's after-commit work may be needed
            assertThat(last.status()).as(last.body()).isEqualTo(201);
            oracle.put(Long.parseLong(last.json().get("id").asText()), at[0], at[1]);
            expectOn(oracle, a, NORMAL);
            expectOn(oracle, b, NORMAL);
        } finally {
            c.kill();
        }
        assertQuietAnswers(oracle);
    }

    @Test
    @Order(8)
    void aLongImportWhileTheOtherInstancesSubscriptionKeepsDropping() throws Exception {
        SearchOracle oracle = new SearchOracle(category("import"));
        StringBuilder csv = new StringBuilder("name,category,latitude,longitude\n");
        List<double[]> places = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            double[] at = randomPlace();
            places.add(at);
            csv.append("Imported ").append(i).append(',').append(oracle.category()).append(',').append(at[0])
                    .append(',').append(at[1]).append('\n');
        }
        AtomicBoolean dropping = new AtomicBoolean(true);
        ExecutorService dropper = Executors.newSingleThreadExecutor();
        Future<?> drops = dropper.submit(() -> {
            while (dropping.get()) {
                redisProxyOfB.cutOpenConnections();
                Thread.sleep(50);
            }
            return null;
        });
        Response imported;
        try {
            imported = a.send("POST", "/v1/businesses/import", "text/csv", csv.toString(), owner.auth());
        } finally {
            dropping.set(false);
            drops.get();
            dropper.shutdown();
        }
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(places.size());
        await().atMost(NORMAL).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            for (String index : SearchOracle.INDEXES) {
                assertThat(total(b, oracle.category(), index)).as(index).isEqualTo(places.size());
            }
        });
        // ids come back from the search itself: every row of the import, where it was put
        List<Long> ids = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = b.get("/v1/search/nearby?latitude=" + CENTER[0] + "&longitude=" + CENTER[1]
                    + "&radius=50000&limit=50&category=" + oracle.category() + "&index=quadtree"
                    + (token == null ? "" : "&pageToken=" + token)).json();
            page.get("businesses").forEach(x -> {
                ids.add(Long.parseLong(x.get("id").asText()));
                oracle.put(Long.parseLong(x.get("id").asText()), x.get("latitude").asDouble(),
                        x.get("longitude").asDouble());
            });
            token = page.get("nextPageToken").isNull() ? null : page.get("nextPageToken").asText();
        } while (token != null && ids.size() < 500);
        for (String index : SearchOracle.INDEXES) {
            for (ApiClient instance : List.of(a, b)) {
                assertThat(total(instance, oracle.category(), index)).isEqualTo(places.size());
            }
        }
    }

    @Test
    @Order(9)
    void concurrentUpdatesOfOneBusinessOnTwoInstances() throws Exception {
        SearchOracle oracle = new SearchOracle(category("concurrent"));
        double[] start = randomPlace();
        Response created = a.postJson("/v1/businesses", oracle.body("Contended", start[0], start[1]), owner.auth());
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<Response>> responses = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double[] at = randomPlace();
            targets.add(at);
            ApiClient instance = i % 2 == 0 ? a : b;
            responses.add(writers.submit(() -> instance.putJson("/v1/businesses/" + id,
                    oracle.body("Contended", at[0], at[1]), owner.auth())));
        }
        long bestVersion = -1;
        double[] last = null;
        for (int i = 0; i < responses.size(); i++) {
            Response response = responses.get(i).get();
            if (response.status() == 200 && response.json().get("version").asLong() > bestVersion) {
                bestVersion = response.json().get("version").asLong();
                last = new double[] {response.json().get("latitude").asDouble(),
                        response.json().get("longitude").asDouble()};
            } else {
                assertThat(response.status()).as(response.body()).isIn(200, 409);
            }
        }
        writers.shutdown();
        assertThat(last).isNotNull();
        oracle.put(Long.parseLong(id), last[0], last[1]);
        expectOn(oracle, a, NORMAL);
        expectOn(oracle, b, NORMAL);
        assertQuietAnswers(oracle);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static String category(String name) {
        return "fault_" + name + "_" + Long.toHexString(System.nanoTime());
    }

    private double[] randomPlace() {
        // within about 8 km of the centre
        return new double[] {CENTER[0] + (random.nextDouble() - 0.5) * 0.14,
                CENTER[1] + (random.nextDouble() - 0.5) * 0.2};
    }

    /**
     * Makes {@code writes} acknowledged writes on {@code writer} (a create, then moves and deletes of the
     * oracle's businesses), each followed by the check that {@code reader} answers exactly within {@code within}.
     */
    private void writeAndExpectOn(SearchOracle oracle, ApiClient writer, ApiClient reader, Duration within,
            int writes) {
        for (int i = 0; i < writes; i++) {
            write(oracle, writer, i);
            expectOn(oracle, reader, within);
        }
    }

    private void write(SearchOracle oracle, ApiClient writer, int i) {
        List<Long> ids = oracle.ids();
        double[] at = randomPlace();
        if (ids.isEmpty() || i % 3 == 0) {
            Response created = writer.postJson("/v1/businesses", oracle.body("Probe " + i, at[0], at[1]),
                    owner.auth());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            oracle.put(Long.parseLong(created.json().get("id").asText()), at[0], at[1]);
        } else if (i % 3 == 1) {
            long id = ids.get(random.nextInt(ids.size()));
            Response moved = writer.putJson("/v1/businesses/" + id, oracle.body("Moved " + i, at[0], at[1]),
                    owner.auth());
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            oracle.put(id, at[0], at[1]);
        } else {
            long id = ids.get(random.nextInt(ids.size()));
            Response deleted = writer.delete("/v1/businesses/" + id, owner.auth());
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            oracle.remove(id);
        }
    }

    private void expectOn(SearchOracle oracle, ApiClient reader, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                oracle.assertAnswers(reader, CENTER[0], CENTER[1], AREA_METERS));
    }

    /** Quiet: every instance, every index, a few circles, exactly the oracle. */
    @Test
    @Order(4)
    void aViewSetDeletedAndWrittenAgainIsRebuiltNotReadAsWhole() throws Exception {
        SearchOracle oracle = new SearchOracle(category("setlost"));
        writeAndExpectOn(oracle, a, b, NORMAL, 2);
        awaitViewCaughtUp();
        String[] viewIds = viewIds();
        String s2Set = PARTITIONS.set(1, viewIds[1], IndexType.S2);
        assertThat(redis.delete(s2Set)).isTrue();

        // the next changes must not re-create the set with only their own members under a "ready" marker
        writeAndExpectOn(oracle, b, a, NORMAL, 3);
        awaitViewCaughtUp();
        String[] rebuilt = viewIds();
        assertThat(rebuilt[1]).as("a new view of the partition that lost a set, built whole").isNotEqualTo(viewIds[1]);
        assertThat(redis.opsForZSet().score(PARTITIONS.set(1, rebuilt[1], IndexType.S2), "")).isEqualTo(-1d);
        assertThat(new String[] {rebuilt[0], rebuilt[2]}).as("the other partitions, kept and written through")
                .containsExactly(viewIds[0], viewIds[2]);
        double[] before = redisHits();
        assertQuietAnswers(oracle);
        assertThat(redisHits()[0] + redisHits()[1]).as("cells read from the view again")
                .isGreaterThan(before[0] + before[1]);
    }

    private String[] viewIds() {
        String[] ids = new String[VIEW_PARTITIONS];
        for (int k = 0; k < VIEW_PARTITIONS; k++) {
            ids[k] = redis.opsForValue().get(PARTITIONS.marker(k)).split(" ")[0];
        }
        return ids;
    }

    private void assertQuietAnswers(SearchOracle oracle) {
        for (ApiClient instance : List.of(a, b)) {
            await().atMost(AFTER_HEAL).untilAsserted(() -> oracle.assertAnswers(instance, CENTER[0], CENTER[1],
                    AREA_METERS));
            Random circles = new Random(oracle.category().hashCode());
            for (int i = 0; i < 5; i++) {
                double lat = CENTER[0] + (circles.nextDouble() - 0.5) * 0.14;
                double lng = CENTER[1] + (circles.nextDouble() - 0.5) * 0.2;
                oracle.assertAnswers(instance, lat, lng, 500 + circles.nextDouble() * 5_000);
            }
        }
    }

    /** The Redis view has been rebuilt if it had to be, and every partition is at the log's head. */
    private void awaitViewCaughtUp() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            long head = changeLogHealth(a).path("details").path("headPosition").asLong();
            for (int k = 0; k < VIEW_PARTITIONS; k++) {
                String marker = redis.opsForValue().get(PARTITIONS.marker(k));
                assertThat(marker).as("partition %d", k).isNotNull().contains(" ready ");
                assertThat(Long.parseLong(marker.substring(marker.lastIndexOf(' ') + 1))).isEqualTo(head);
            }
        });
    }

    private double[] redisHits() {
        double[] hits = new double[2];
        int i = 0;
        for (ApiClient instance : List.of(a, b)) {
            String metrics = operations(instance).get("/actuator/prometheus").body();
            hits[i++] = Arrays.stream(metrics.split("\n"))
                    .filter(l -> l.startsWith("proximity_cells_requests_total") && l.contains("layer=\"redis\"")
                            && l.contains("result=\"hit\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
        return hits;
    }

    private JsonNode changeLogHealth(ApiClient instance) {
        return operations(instance).get("/actuator/health/changeLog").json();
    }

    /** Where {@code instance}'s actuator answers: A and B have a management port of their own. */
    private ApiClient operations(ApiClient instance) {
        return instance == a ? operationsA : instance == b ? operationsB : instance;
    }

    private static Object killPubSubClients(RedisConnection connection) {
        return connection.execute("CLIENT", "KILL".getBytes(StandardCharsets.US_ASCII),
                "TYPE".getBytes(StandardCharsets.US_ASCII), "pubsub".getBytes(StandardCharsets.US_ASCII));
    }

    private static long total(ApiClient instance, String category, String index) {
        Response found = instance.get("/v1/search/nearby?latitude=" + CENTER[0] + "&longitude=" + CENTER[1]
                + "&radius=50000&limit=1&category=" + category + "&index=" + index);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().get("total").asLong();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The app in a JVM of its own, so it can be killed outright. */
    private record ChildInstance(Process process, int port) {

        static ChildInstance start(List<String> arguments) throws Exception {
            int port = Integer.parseInt(arguments.get(0).substring("--server.port=".length()));
            Path log = Files.createDirectories(testClasses().resolveSibling("fault-tests")).resolve("instance-c.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1",
                    "-cp", applicationClasspath(), ProximityApplication.class.getName()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            ChildInstance child = new ChildInstance(process, port);
            ApiClient api = new ApiClient(port);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200));
            return child;
        }

        void kill() {
            process.destroyForcibly();
        }

        private static String applicationClasspath() throws URISyntaxException {
            Path tests = testClasses();
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().equals(tests))
                    .collect(Collectors.joining(File.pathSeparator));
        }

        private static Path testClasses() throws URISyntaxException {
            return Path.of(FreshnessFaultTests.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
        }
    }
}
