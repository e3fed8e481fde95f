package dev.proximity.business;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.proximity.system.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Imports that outlive their request ({@code Prefer: respond-async}). The request is admitted within the same
 * caps as a synchronous import and its body is spooled to a file within the same byte cap and deadline (a body
 * cut off or too slow is refused as before, and no job exists); then a job row is written and the import runs
 * on this instance's executor, whatever the client does next. Its slot and memory stay taken until it ends, so
 * background and synchronous imports share the caps. A heartbeat writes every running job's progress at a modest
 * interval, so that any instance can answer for it, and a job whose instance died reads as failed.
 */
@Component
class BackgroundImports implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundImports.class);
    /**
     * How long a shutdown waits for running imports before it interrupts them (rolled back, marked failed): within
     * the 20 s that {@code spring.lifecycle.timeout-per-shutdown-phase} gives the phase it shares with the web
     * server's own drain, so the two waits overlap instead of adding up.
     */
    private static final long SHUTDOWN_WAIT_SECONDS = 18;

    private final BusinessImportService imports;
    private final ImportJobStore jobs;
    private final ImportSpools spools;
    private final IdGenerator ids;
    private final ImportJobProperties properties;
    private final int threads;
    private final Map<Long, ImportProgress> running = new ConcurrentHashMap<>();
    private volatile ExecutorService executor;
    private volatile ScheduledExecutorService heartbeat;

    BackgroundImports(BusinessImportService imports, ImportJobStore jobs, ImportSpools spools, IdGenerator ids,
            ImportJobProperties properties, ImportProperties limits) {
        this.imports = imports;
        this.jobs = jobs;
        this.spools = spools;
        this.ids = ids;
        this.properties = properties;
        // never more than the slots admit at once, so a job never waits in a queue
        this.threads = limits.maxConcurrent();
    }

    /** Receives the whole body, then starts the import in the background; returns the new job's id. */
    long start(long ownerId, BusinessImportService.Format format, InputStream body) {
        BusinessImportService.Admission admitted = imports.admit(ownerId);
        Path spool = null;
        boolean handedOver = false;
        try {
            spool = spools.receive(imports.upload(body));
            long id = ids.nextId();
            jobs.create(id, ownerId);
            ImportProgress progress = new ImportProgress();
            running.put(id, progress);
            Path file = spool;
            ExecutorService pool = executor;
            try {
                if (pool == null) {
                    throw new RejectedExecutionException("stopped");
                }
                pool.execute(() -> run(id, ownerId, format, file, admitted, progress));
            } catch (RejectedExecutionException shuttingDown) {
                running.remove(id);
                jobs.fail(id, 0, ImportJobFailure.of(ImportInterruptedException.shutDown()));
                throw ImportRefusedException.instanceBusy();
            }
            handedOver = true;
            return id;
        } finally {
            if (!handedOver) {
                admitted.close();
                if (spool != null) {
                    spools.delete(spool);
                }
            }
        }
    }

    /** The owner's job; another owner's, or one pruned or never made, is not found (404). */
    ImportJob job(long ownerId, long id) {
        return jobs.find(ownerId, id).orElseThrow(() -> ImportJobNotFoundException.forId(id));
    }

    private void run(long id, long ownerId, BusinessImportService.Format format, Path spool,
            BusinessImportService.Admission admitted, ImportProgress progress) {
        AtomicBoolean committedInTransaction = new AtomicBoolean();
        try (admitted; InputStream in = Files.newInputStream(spool)) {
            imports.importReceived(ownerId, format, in, admitted, progress, written -> {
                running.remove(id); // no heartbeat may wait on the row this transaction now locks
                jobs.commit(id, progress.rowsRead(), written);
                committedInTransaction.set(true);
            });
            if (!committedInTransaction.get()) {
                jobs.commit(id, progress.rowsRead(), 0); // nothing to write: no transaction was needed
            }
        } catch (Exception | Error e) {
            Throwable cause = Thread.currentThread().isInterrupted() ? ImportInterruptedException.shutDown() : e;
            if (ImportJobFailure.unexpected(cause)) {
                log.error("Background import {} failed", id, e);
            }
            failQuietly(id, progress, ImportJobFailure.of(cause));
        } finally {
            running.remove(id);
            spools.delete(spool);
        }
    }

    private void failQuietly(long id, ImportProgress progress, ImportJobFailure failure) {
        try {
            jobs.fail(id, progress.rowsRead(), failure);
        } catch (RuntimeException e) {
            // without a heartbeat it reads as failed within the timeout anyway
            log.warn("Could not record the failure of import job {} ({})", id, e.getClass().getSimpleName());
        }
    }

    private void beat() {
        try {
            jobs.heartbeat(running);
        } catch (RuntimeException e) {
            log.warn("Could not write the import jobs' heartbeat ({}); retrying in {}", e.getClass().getSimpleName(),
                    properties.heartbeatInterval());
        }
    }

    private void prune() {
        try {
            int pruned = jobs.prune();
            if (pruned > 0) {
                log.info("Pruned {} import jobs older than {}", pruned, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Could not prune the import jobs ({})", e.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, r -> new Thread(r, "import-job-" + count.incrementAndGet()));
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "import-job-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long beat = properties.heartbeatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
        long prune = Math.max(properties.retention().toMillis() / 10, 1000);
        heartbeat.scheduleWithFixedDelay(this::prune, prune, prune, TimeUnit.MILLISECONDS);
    }

    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
    }

    @Override
    public void stop(Runnable callback) {
        Thread stopping = new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, "import-job-shutdown");
        stopping.start();
    }

    /** Lets running imports finish (the heartbeat goes on meanwhile), then interrupts what is left. */
    @Override
    public void stop() {
        ExecutorService jobsRunning = executor;
        executor = null;
        if (jobsRunning != null) {
            jobsRunning.shutdown();
            try {
                if (!jobsRunning.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    jobsRunning.shutdownNow();
                    jobsRunning.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                jobsRunning.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        ScheduledExecutorService beats = heartbeat;
        heartbeat = null;
        if (beats != null) {
            beats.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null;
    }
}
