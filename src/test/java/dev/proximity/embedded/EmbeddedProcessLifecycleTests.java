package dev.proximity.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import dev.proximity.ProximityApplication;

/**
 * The default run mode as an operator sees it: the real application in its own JVM, started with no
 * configuration but its port from an empty working directory, so its data lives in the default
 * {@code ./.proximity}. The child's classpath is this test run's classpath minus the test classes, so it
 * reads only the application's own {@code application.properties}, as {@code java -jar} would.
 */
class EmbeddedProcessLifecycleTests {

    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);
    private static final Duration EXITS_WITHIN = Duration.ofSeconds(60);
    private static final Duration SERVERS_GONE_WITHIN = Duration.ofSeconds(10);
    private static final Pattern REDIS_LISTENING = Pattern.compile("Embedded Redis listening on (127\\.0\\.0\\.1:\\d+)");

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @TempDir
    Path tmp;

    private Path workDir;
    private Path dataDir;
    private String testName;
    private final List<App> apps = new ArrayList<>();
    private final Set<ProcessHandle> seenServers = new LinkedHashSet<>();
    private final List<Path> crashLeftovers = new ArrayList<>();

    @BeforeEach
    void prepare(TestInfo testInfo) throws IOException {
        workDir = tmp.toRealPath();
        dataDir = workDir.resolve(".proximity");
        testName = testInfo.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void stopEverything() {
        try {
            apps.forEach(App::stop);
        } finally {
            ServerProcesses.stopAll(dataDir, seenServers);
            crashLeftovers.forEach(dir -> FileSystemUtils.deleteRecursively(dir.toFile()));
        }
    }

    @Test
    void sigtermStopsAppAndBothServersWithNoOrphans() throws Exception {
        App app = launch();
        app.awaitHealthy();
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).content().isEqualToIgnoringNewLines("17");
        Set<ProcessHandle> servers = runningServers();
        String redisAddress = app.redisAddress();

        app.process.destroy();

        app.awaitExit();
        await().atMost(SERVERS_GONE_WITHIN).untilAsserted(() -> {
            assertThat(ServerProcesses.alive(servers)).as("postmaster, its workers and redis-server").isEmpty();
            assertThat(ServerProcesses.processesMentioning(dataDir.toString())).isEmpty();
            assertThat(ServerProcesses.processesMentioning(redisAddress)).isEmpty();
        });
    }

    @Test
    void nextStartAfterCrashReapsOrphanedServersAndKeepsData() throws Exception {
        App crashed = launch();
        crashed.awaitHealthy();
        try (Connection c = ServerProcesses.connect(ServerProcesses.postgresPort(dataDir));
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA lifecycle_probe");
            s.execute("CREATE TABLE lifecycle_probe.note (id int PRIMARY KEY, text text NOT NULL)");
            s.execute("INSERT INTO lifecycle_probe.note VALUES (1, 'committed before the crash')");
        }
        ProcessHandle oldPostmaster = ServerProcesses.postmaster(dataDir).orElseThrow();
        ProcessHandle oldRedis = ServerProcesses.redis(dataDir).orElseThrow();
        Set<ProcessHandle> oldServers = runningServers();
        // embedded-redis unpacks redis-server into a temp dir per start and removes it on JVM exit, which a
        // SIGKILLed JVM never reaches.
        oldRedis.info().command().map(Path::of).map(Path::getParent)
                .filter(dir -> dir.getFileName().toString().startsWith("redis-"))
                .ifPresent(crashLeftovers::add);

        crashed.process.destroyForcibly();
        crashed.awaitExit();

        // A SIGKILLed JVM runs no shutdown hooks: its servers keep running with no owner.
        assertThat(oldPostmaster.isAlive()).as("orphaned postmaster").isTrue();
        assertThat(oldRedis.isAlive()).as("orphaned redis-server").isTrue();
        assertThat(ServerProcesses.processesMentioning(dataDir.toString())).contains(oldPostmaster);

        App next = launch();
        next.awaitHealthy();

        await().atMost(SERVERS_GONE_WITHIN).untilAsserted(
                () -> assertThat(ServerProcesses.alive(oldServers)).as("reaped orphans").isEmpty());
        assertThat(next.log()).contains("left running by an earlier run");
        try (Connection c = ServerProcesses.connect(ServerProcesses.postgresPort(dataDir));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT text FROM lifecycle_probe.note WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before the crash");
        }
        Set<ProcessHandle> servers = runningServers();

        next.process.destroy();

        next.awaitExit();
        await().atMost(SERVERS_GONE_WITHIN).untilAsserted(() -> {
            assertThat(ServerProcesses.alive(servers)).isEmpty();
            assertThat(ServerProcesses.processesMentioning(dataDir.toString())).isEmpty();
        });
    }

    @Test
    void refusesSecondCopyOnSameDataDirWhileFirstKeepsServing() throws Exception {
        App first = launch();
        first.awaitHealthy();
        runningServers();
        ProcessHandle postmaster = ServerProcesses.postmaster(dataDir).orElseThrow();
        ProcessHandle redis = ServerProcesses.redis(dataDir).orElseThrow();

        App second = launch();

        second.awaitExit();
        assertThat(second.process.exitValue()).isNotZero();
        assertThat(second.log())
                .contains("The data directory " + dataDir + " is in use by another running Proximity")
                .contains("(pid " + first.process.pid() + ")");
        assertThat(first.isHealthy()).isTrue();
        assertThat(ServerProcesses.postmaster(dataDir)).contains(postmaster);
        assertThat(ServerProcesses.redis(dataDir)).contains(redis);
        // the postmaster (its -D) and redis-server (its binary lives in the data dir), nothing of the refused copy
        assertThat(ServerProcesses.processesMentioning(dataDir.toString())).containsExactlyInAnyOrder(postmaster, redis);
        try (Connection c = ServerProcesses.connect(ServerProcesses.postgresPort(dataDir));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE lock_probe (id int)");
            s.execute("INSERT INTO lock_probe VALUES (1)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM lock_probe")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    /** The postmaster (with its workers) and redis-server of the data dir, which must both be running. */
    private Set<ProcessHandle> runningServers() {
        assertThat(ServerProcesses.postmaster(dataDir)).as("postmaster of %s", dataDir).isPresent();
        assertThat(ServerProcesses.redis(dataDir)).as("redis-server of %s", dataDir).isPresent();
        Set<ProcessHandle> servers = ServerProcesses.serverProcesses(dataDir);
        seenServers.addAll(servers);
        return servers;
    }

    /**
     * Graceful shutdown: a request in flight when SIGTERM arrives is finished and committed before the servers
     * stop. The client sends the first half of an import, SIGTERM is sent, then the client sends the rest.
     */
    @Test
    void sigtermLetsAnImportInFlightFinishAndCommit() throws Exception {
        App app = launch();
        app.awaitHealthy();
        String token = signUp(app);
        int rows = 50_000;
        CountDownLatch halfSent = new CountDownLatch(1);
        CountDownLatch sigtermSent = new CountDownLatch(1);
        HttpRequest upload = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + "/v1/businesses/import"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SlowCsv(rows, halfSent, sigtermSent)))
                .build();
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(halfSent.await(30, TimeUnit.SECONDS)).isTrue();
        app.process.destroy();
        sigtermSent.countDown();

        HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"imported\":" + rows + "}");
        app.awaitExit();

        App restarted = launch();
        restarted.awaitHealthy();
        try (Connection c = ServerProcesses.connect(ServerProcesses.postgresPort(dataDir));
                Statement s = c.createStatement();
                java.sql.ResultSet count = s.executeQuery("SELECT count(*) FROM proximity.public.business")) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(rows);
        }
    }

    private static String signUp(App app) throws Exception {
        String owner = "{\"email\":\"drain@example.com\",\"password\":\"a long passphrase\",\"name\":\"Drain\"}";
        String base = "http://127.0.0.1:" + app.port;
        http.send(HttpRequest.newBuilder(URI.create(base + "/v1/owners")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(owner)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"drain@example.com\",\"password\":\"a long passphrase\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(token.body());
        assertThat(matcher.find()).as(token.body()).isTrue();
        return matcher.group(1);
    }

    /** A CSV body that stops after half its rows until the test has sent SIGTERM: a slow client, on cue. */
    private static final class SlowCsv extends java.io.InputStream {

        private final int rows;
        private final CountDownLatch halfSent;
        private final CountDownLatch resume;
        private byte[] current = "name,category,latitude,longitude\n".getBytes(StandardCharsets.UTF_8);
        private int position;
        private int row;

        SlowCsv(int rows, CountDownLatch halfSent, CountDownLatch resume) {
            this.rows = rows;
            this.halfSent = halfSent;
            this.resume = resume;
        }

        @Override
        public int read() throws IOException {
            if (position == current.length && !nextRow()) {
                return -1;
            }
            return current[position++] & 0xff;
        }

        private boolean nextRow() throws IOException {
            if (row == rows) {
                return false;
            }
            if (row == rows / 2) {
                halfSent.countDown();
                try {
                    if (!resume.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("the test never sent SIGTERM");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            double lat = -60 + (row % 1200) * 0.1;
            double lng = -179 + (row % 3580) * 0.1;
            current = ("Drain " + row + ",cafe," + lat + "," + lng + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
            row++;
            return true;
        }
    }

    private App launch() throws IOException {
        int port = freePort();
        Path log = logDir().resolve(testName + "-" + (apps.size() + 1) + ".log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1", // starts faster; these runs are too short for C2 to pay off
                "-cp", applicationClasspath(),
                ProximityApplication.class.getName(),
                "--server.port=" + port,
                "--management.server.port=" + port,
                "--proximity.demo.enabled=false");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        App app = new App(process, port, log);
        apps.add(app);
        return app;
    }

    /** This run's classpath without the test classes, whose config/application.properties is for tests. */
    private static String applicationClasspath() {
        Path testClasses = testClassesDir();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().equals(testClasses))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Path logDir() throws IOException {
        return Files.createDirectories(testClassesDir().resolveSibling("embedded-lifecycle"));
    }

    private static Path testClassesDir() {
        try {
            return Path.of(EmbeddedProcessLifecycleTests.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One child JVM running the application, its HTTP port and its combined stdout/stderr. */
    private static final class App {

        final Process process;
        final int port;
        final Path log;

        App(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        void awaitHealthy() {
            try {
                await().atMost(HEALTHY_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("The app exited with " + process.exitValue()
                                + " before it was healthy. Its output:\n" + log());
                    }
                    return isHealthy();
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The app was not healthy within " + HEALTHY_WITHIN + ". Its output:\n"
                        + log(), e);
            }
        }

        boolean isHealthy() {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void awaitExit() throws InterruptedException, ExecutionException {
            try {
                process.onExit().get(EXITS_WITHIN.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("The app (pid " + process.pid() + ") did not exit within " + EXITS_WITHIN
                        + ". Its output:\n" + log(), e);
            }
        }

        /** The {@code 127.0.0.1:port} the app's Redis listens on, as its log announces it. */
        String redisAddress() {
            Matcher matcher = REDIS_LISTENING.matcher(log());
            assertThat(matcher.find()).as("Redis address in the log").isTrue();
            return matcher.group(1);
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** SIGTERM, then SIGKILL if the app does not stop in time; the servers it leaves are swept after. */
        void stop() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                process.onExit().get(EXITS_WITHIN.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
            }
        }
    }
}
