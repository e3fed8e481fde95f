package dev.proximity.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a PostgreSQL or Redis server that a crashed earlier run (killed JVM) left behind on our data
 * directory. Only called while we hold the {@link DataDirectoryLock}, so such a server has no live owner.
 * A pid is only signalled when its command line names the expected program, so a reused pid is safe.
 */
final class StaleProcessReaper {

    private static final Logger log = LoggerFactory.getLogger(StaleProcessReaper.class);
    private static final Duration GRACE = Duration.ofSeconds(15);

    private StaleProcessReaper() {
    }

    /** Reads the first line of a pid file (PostgreSQL's {@code postmaster.pid}, Redis' pidfile). */
    static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the process named in {@code pidFile} if it is alive and runs {@code program}, then removes the
     * file. {@code signal} is the one that shuts the program down quickly and cleanly (INT for PostgreSQL's
     * "fast" mode, TERM for Redis).
     */
    static void reap(Path pidFile, String program, String signal) {
        readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains(program)).orElse(false))
                .ifPresent(p -> stop(p, program, signal));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.warn("Could not remove stale pid file {}", pidFile.getFileName());
        }
    }

    private static void stop(ProcessHandle process, String program, String signal) {
        log.warn("Stopping {} (pid {}) left running by an earlier run that did not shut down", program,
                process.pid());
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            process.onExit().get(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }
}
