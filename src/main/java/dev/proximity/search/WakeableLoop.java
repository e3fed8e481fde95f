package dev.proximity.search;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread that runs a step, then sleeps for a tick or until {@link #wake()}: the change feed and the
 * Redis view's maintainer both follow the log this way. A wake during a step makes the next sleep return at once,
 * so no wake-up is lost. The step handles its own failures.
 */
final class WakeableLoop {

    private final String name;
    private final Runnable step;
    private final long tickNanos;
    private volatile boolean running;
    private volatile Thread thread;

    WakeableLoop(String name, Duration tick, Runnable step) {
        this.name = name;
        this.step = step;
        this.tickNanos = tick.toNanos();
    }

    void start() {
        running = true;
        Thread t = new Thread(() -> {
            while (running) {
                step.run();
                LockSupport.parkNanos(tickNanos);
            }
        }, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Runs the step now rather than at the next tick. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Stops after the current step, waiting for it up to {@code timeout}. */
    void stop(Duration timeout) {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    boolean running() {
        return running;
    }
}
