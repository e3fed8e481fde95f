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
