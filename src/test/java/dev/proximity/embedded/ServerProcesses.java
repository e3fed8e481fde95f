package dev.proximity.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the PostgreSQL and Redis processes of a data directory from the outside, the way an operator would:
 * through the pid files the servers write and the command lines the OS shows. Tests use it to prove that
 * servers stop, that a crash leaves them running, and to kill whatever a failing test left behind.
 */
final class ServerProcesses {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private ServerProcesses() {
    }

    static Path postmasterPidFile(Path dataDir) {
        return dataDir.resolve("postgres").resolve("postmaster.pid");
    }

    static Path redisPidFile(Path dataDir) {
        return dataDir.resolve("redis").resolve("redis.pid");
    }

    /** The running postmaster of the cluster in {@code dataDir}, from line 1 of {@code postmaster.pid}. */
    static Optional<ProcessHandle> postmaster(Path dataDir) {
        return pidFileLine(postmasterPidFile(dataDir), 0)
                .flatMap(ServerProcesses::liveProcess)
                .filter(p -> commandLine(p).contains("postgres"));
    }

    /** The port PostgreSQL listens on, from line 4 of {@code postmaster.pid}. */
    static int postgresPort(Path dataDir) {
        return pidFileLine(postmasterPidFile(dataDir), 3).map(Math::toIntExact)
                .orElseThrow(() -> new IllegalStateException("No port in " + postmasterPidFile(dataDir)));
    }

    /** The running redis-server named in {@code redis/redis.pid}. */
    static Optional<ProcessHandle> redis(Path dataDir) {
        return pidFileLine(redisPidFile(dataDir), 0)
                .flatMap(ServerProcesses::liveProcess)
                .filter(p -> commandLine(p).contains("redis-server"));
    }

    /** The postmaster with all its backends and workers, and Redis: everything the data dir runs. */
    static Set<ProcessHandle> serverProcesses(Path dataDir) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        postmaster(dataDir).ifPresent(p -> {
            all.add(p);
            p.descendants().forEach(all::add);
        });
        redis(dataDir).ifPresent(all::add);
        return all;
    }

    /** Live processes whose command line contains {@code text}, e.g. a data dir path or "127.0.0.1:port". */
    static List<ProcessHandle> processesMentioning(String text) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> commandLine(p).contains(text))
                .collect(Collectors.toList());
    }

    static List<ProcessHandle> alive(Collection<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    }

    /**
     * The raw {@code /proc/<pid>/cmdline}, which shows what a server put in its process title (redis-server
     * rewrites its {@code argv[0]} to "binary 127.0.0.1:port", which {@link ProcessHandle.Info} parses
     * away); {@link ProcessHandle.Info} where {@code /proc} cannot be read.
     */
    static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            ProcessHandle.Info info = process.info();
            return info.commandLine().or(info::command).orElse("");
        }
    }

    static String describe(Collection<ProcessHandle> processes) {
        return processes.stream().map(p -> p.pid() + " " + commandLine(p)).collect(Collectors.joining("; "));
    }

    /**
     * Whether {@code pid} holds a POSIX (fcntl) lock on {@code file}, per Linux's {@code /proc/locks}: lines
     * like {@code "1: POSIX  ADVISORY  WRITE 4711 fe:00:2154570 0 EOF"}, where the last field of the
     * device triple is the inode.
     */
    static boolean holdsPosixLock(long pid, Path file) throws IOException {
        String inode = String.valueOf(Files.getAttribute(file, "unix:ino"));
        return Files.readAllLines(Path.of("/proc/locks")).stream()
                .map(line -> line.trim().split("\\s+"))
                .anyMatch(f -> f.length > 5 && f[1].equals("POSIX") && f[4].equals(Long.toString(pid))
                        && f[5].endsWith(":" + inode));
    }

    /** A JDBC connection to the {@code proximity} database of the embedded server listening on {@code port}. */
    static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/proximity", "postgres", "");
    }

    /**
     * Stops every server process of {@code dataDir} plus {@code known} ones: SIGTERM first (PostgreSQL's
     * smart shutdown, which is quick once its clients are gone), SIGKILL for whatever is still there.
     */
    static void stopAll(Path dataDir, Collection<ProcessHandle> known) {
        Set<ProcessHandle> targets = new LinkedHashSet<>(known);
        targets.addAll(serverProcesses(dataDir));
        targets.addAll(processesMentioning(dataDir.toString()));
        List<ProcessHandle> withDescendants = targets.stream()
                .flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .filter(ProcessHandle::isAlive)
                .distinct()
                .collect(Collectors.toList());
        withDescendants.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : withDescendants) {
            try {
                p.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }

    private static Optional<ProcessHandle> liveProcess(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    private static Optional<Long> pidFileLine(Path file, int index) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.size() > index ? Optional.of(Long.parseLong(lines.get(index).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
