package dev.proximity.account;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The bound on password hashes computed at once ({@link PasswordHashingProperties}): a fair semaphore with a
 * short wait, so a burst of sign-ins queues briefly and then sheds (503) instead of exhausting the heap. Take a
 * turn before a database transaction opens, so that waiting for one holds no connection.
 */
@Component
class PasswordHashingLimit {

    private final Semaphore turns;
    private final long waitNanos;
    private final Counter refused;

    PasswordHashingLimit(PasswordHashingProperties properties, MeterRegistry meters) {
        this.turns = new Semaphore(properties.maxConcurrentHashes(), true);
        this.waitNanos = properties.hashWait().toNanos();
        this.refused = Counter.builder("proximity.password.hashing.refused")
                .description("Sign-ins and registrations answered 503 because every password-hashing turn was taken")
                .register(meters);
        Gauge.builder("proximity.password.hashing.active",
                        () -> properties.maxConcurrentHashes() - turns.availablePermits())
                .description("Password hashes being computed now").register(meters);
    }

    /** Runs {@code hashing} (one or a few hashes in a row) in a turn, or throws the 503 when none comes soon. */
    <T> T inTurn(Supplier<T> hashing) {
        boolean acquired;
        try {
            acquired = turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            refused.increment();
            throw PasswordHashingBusyException.create();
        }
        try {
            return hashing.get();
        } finally {
            turns.release();
        }
    }
}
