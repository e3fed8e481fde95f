package dev.proximity.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server (shipped inside the embedded-redis artifact) on 127.0.0.1. Redis only holds state the app
 * can rebuild (the search view, sessions, rate-limit buckets), so it keeps nothing on disk: a restart starts it
 * empty and the search view is rebuilt from the database.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedRedisServer start(Path dataDir, int requestedPort, DataSize maxMemory) {
        Path redisDir = dataDir.resolve("redis");
        Path pidFile = redisDir.resolve("redis.pid");
        try {
            Files.createDirectories(redisDir);
            StaleProcessReaper.reap(pidFile, "redis-server", "TERM");
            int port = requestedPort > 0 ? requestedPort : freePort();
            // Unpack the binary into our own directory, replacing the last run's copy: the library's default
            // temp directory is only removed on a normal JVM exit, so every killed run would leave ~10 MB behind.
            Path binDir = redisDir.resolve("bin");
            FileSystemUtils.deleteRecursively(binDir);
            Files.createDirectories(binDir);
            RedisServer server = RedisServer.newRedisServer()
                    .executableProvider(ExecutableProvider.newJarResourceProvider(binDir.toFile()))
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("dir " + redisDir.toAbsolutePath())
                    .setting("pidfile " + pidFile.toAbsolutePath())
                    // nothing is evicted behind the app's back (sessions, rate-limit buckets, the search view)
                    .setting("maxmemory " + maxMemory.toBytes())
                    .setting("maxmemory-policy noeviction")
                    // Our context stops Redis after the graceful drain; the library's own hook would
                    // SIGKILL it while requests are still finishing.
                    .onShutdownForceStop(false)
                    .build();
            server.start();
            log.info("Embedded Redis listening on 127.0.0.1:{}", port);
            return new EmbeddedRedisServer(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Redis", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** Stops the server; also used by tests that prove the app survives a Redis outage. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            log.error("Embedded Redis did not stop cleanly", e);
        }
    }

    /** Starts the server again on the same port after {@link #stop()}. */
    public void restart() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart the embedded Redis", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
