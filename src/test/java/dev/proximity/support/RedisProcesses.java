package dev.proximity.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import static org.awaitility.Awaitility.await;

/**
 * Real {@code redis-server} processes on loopback for the failover tests: a Redis Cluster of three primaries with
 * a replica each, or one primary, one replica and three sentinels, all tuned to notice a dead primary within about
 * a second. Data directories are under the build's {@code target/}. Every process is killed by {@link #close()},
 * and by a JVM shutdown hook if the test run ends first.
 *
 * <p>Needs {@code redis-server} and {@code redis-cli} (Debian's {@code redis-server} and {@code redis-tools},
 * which {@code .ci/run} installs when missing) on the {@code PATH}.
 */
public final class RedisProcesses implements AutoCloseable {

    /** A server this object started. */
    public record Node(int port, Process process, String password) {

        public HostAndPort address() {
            return new HostAndPort("127.0.0.1", port);
        }

        public String hostPort() {
            return "127.0.0.1:" + port;
        }

        public Jedis connect() {
            return new Jedis(address(), DefaultJedisClientConfig.builder().timeoutMillis(2_000).password(password)
                    .build());
        }
    }

    private final Path dir;
    private final String password;
    private final AppUser appUser;

    /** A Redis user for the app: its name, password and ACL rules (space-separated). */
    public record AppUser(String name, String password, String rules) {
    }
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Thread killer = new Thread(this::killAll, "redis-processes-killer");

    /** Servers without a password. */
    public RedisProcesses(String name) {
        this(name, null);
    }

    /** Servers that require {@code password} (null: none), of their clients and of each other (replication). */
    public RedisProcesses(String name, String password) {
        this(name, password, null);
    }

    /**
     * As {@link #RedisProcesses(String, String)}, and the data nodes also have the user {@code appUser} (a user
     * name, a password and ACL rules, as {@code deploy/redis/proximity.acl} gives them) for the app under test.
     */
    public RedisProcesses(String name, String password, AppUser appUser) {
        this.password = password;
        this.appUser = appUser;
        this.dir = Path.of("target", name + "-" + UUID.randomUUID()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Six nodes joined by {@code redis-cli --cluster create}: three primaries, one replica each. */
    public List<Node> startCluster() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int port = freeClusterPort();
            nodes.add(start(port, List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "1000", "--cluster-replica-validity-factor", "0")));
        }
        List<String> create = new ArrayList<>(List.of(tool("redis-cli"), "--cluster", "create"));
        nodes.forEach(node -> create.add(node.hostPort()));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        if (password != null) {
            create.addAll(List.of("-a", password, "--no-auth-warning"));
        }
        run(create);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> nodes.stream().allMatch(RedisProcesses::clusterSettled));
        return nodes;
    }

    /** The primary that serves {@code key}'s slot now. */
    public Node clusterPrimaryOf(List<Node> nodes, String key) {
        for (Node node : nodes) {
            if (!node.process().isAlive()) {
                continue;
            }
            try (Jedis jedis = node.connect()) {
                long slot = jedis.clusterKeySlot(key);
                for (String line : jedis.clusterNodes().split("\n")) {
                    String[] fields = line.split(" ");
                    if (!fields[2].contains("master") || fields[2].contains("fail")) {
                        continue;
                    }
                    for (int i = 8; i < fields.length; i++) {
                        String[] range = fields[i].split("-");
                        long low = Long.parseLong(range[0]);
                        long high = range.length > 1 ? Long.parseLong(range[1]) : low;
                        if (slot >= low && slot <= high) {
                            int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1,
                                    fields[1].indexOf('@')));
                            return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("No live primary serves " + key);
    }

    /** A primary and its replica, in sync. */
    public List<Node> startPrimaryAndReplica() {
        Node primary = start(freePort(), List.of());
        Node replica = start(freePort(), List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            try (Jedis jedis = replica.connect()) {
                return jedis.info("replication").contains("master_link_status:up");
            }
        });
        return List.of(primary, replica);
    }

    /** Three sentinels watching {@code primary} as {@code master}, quorum two, each aware of the others. */
    public List<Node> startSentinels(String master, Node primary) {
        List<Node> sentinels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            Path home = Path.of(dir.toString(), "sentinel-" + port);
            Path config = home.resolve("sentinel.conf");
            try {
                Files.createDirectories(home);
                Files.writeString(config, String.join("\n",
                        "port " + port,
                        "bind 127.0.0.1",
                        "dir " + home,
                        "sentinel monitor " + master + " 127.0.0.1 " + primary.port() + " 2",
                        "sentinel down-after-milliseconds " + master + " 1000",
                        "sentinel failover-timeout " + master + " 3000",
                        "sentinel parallel-syncs " + master + " 1",
                        password == null ? "" : "sentinel auth-pass " + master + " " + password, ""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sentinels.add(launch(port, home, List.of(tool("redis-server"), config.toString(), "--sentinel"), null));
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> sentinels.stream().allMatch(sentinel -> {
                    try (Jedis jedis = sentinel.connect()) {
                        return jedis.sentinelSentinels(master).size() == 2 && !jedis.sentinelReplicas(master).isEmpty();
                    }
                }));
        return sentinels;
    }

    /** SIGKILL: the server vanishes without a word, as a crashed host would. */
    public void kill(Node node) {
        node.process().destroyForcibly();
        try {
            node.process().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down, and the hook runs anyway
        }
    }

    private void killAll() {
        processes.forEach(Process::destroyForcibly);
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Node start(int port, List<String> extra) {
        Path home = dir.resolve("node-" + port);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(tool("redis-server"), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", home.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password, "--masterauth", password));
        }
        if (appUser != null) {
            command.addAll(List.of("--user", appUser.name(), "on", ">" + appUser.password()));
            command.addAll(List.of(appUser.rules().split(" +")));
        }
        command.addAll(extra);
        return launch(port, home, command, password);
    }

    private Node launch(int port, Path home, List<String> command, String password) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("redis.log").toFile()).start();
            processes.add(process);
            Node node = new Node(port, process, password);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> {
                        try (Jedis jedis = node.connect()) {
                            return "PONG".equals(jedis.ping());
                        }
                    });
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean clusterSettled(Node node) {
        try (Jedis jedis = node.connect()) {
            Map<String, String> info = jedis.clusterInfo().lines().filter(l -> l.contains(":")).collect(
                    Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1).strip()));
            String replication = jedis.info("replication");
            boolean synced = replication.contains("role:master") ? replication.contains("connected_slaves:1")
                    && replication.contains("state=online") : replication.contains("master_link_status:up");
            return "ok".equals(info.get("cluster_state")) && "16384".equals(info.get("cluster_slots_ok"))
                    && "6".equals(info.get("cluster_known_nodes")) && synced;
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code redis-server} or {@code redis-cli} from the {@code PATH}. */
    private static String tool(String name) {
        Optional<Path> found = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> List.of(path.split(File.pathSeparator)).stream())
                .map(entry -> Path.of(entry, name)).filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new IllegalStateException(name + " is not on the PATH: install Debian's "
                + "redis-server and redis-tools (.ci/run does)")).toString();
    }

    /** A free port whose cluster bus port (+10000) is free too. */
    private static int freeClusterPort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (port + 10_000 <= 65_535 && isFree(port + 10_000)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port pair for a cluster node");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
