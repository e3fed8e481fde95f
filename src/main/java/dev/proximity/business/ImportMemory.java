package dev.proximity.business;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The instance's budget of import buffer memory ({@code proximity.import.memory-budget}). Buffers are allocated
 * as data arrives and only after their bytes were reserved here, so all imports together never hold more than the
 * budget. Each import leases a floor when it is admitted (what its per-row buffers can take at most, so it can
 * always finish) and grows its batches beyond it only while the budget has room.
 */
@Component
class ImportMemory {

    private final long budgetBytes;
    private long reservedBytes;

    ImportMemory(ImportProperties properties, MeterRegistry registry) {
        this.budgetBytes = properties.memoryBudget().toBytes();
        Gauge.builder("proximity.import.memory.reserved", this, ImportMemory::reservedBytes).baseUnit("bytes")
                .description("bytes reserved by running imports' buffers").register(registry);
        Gauge.builder("proximity.import.memory.budget", this, m -> m.budgetBytes).baseUnit("bytes")
                .description("proximity.import.memory-budget").register(registry);
    }

    /** A lease of {@code floorBytes} for one import, or a 503 when the budget has not that much left. */
    Lease lease(long floorBytes) {
        if (!tryReserve(floorBytes)) {
            throw ImportRefusedException.noMemory();
        }
        return new Lease(floorBytes);
    }

    synchronized boolean tryReserve(long bytes) {
        if (bytes > budgetBytes - reservedBytes) {
            return false;
        }
        reservedBytes += bytes;
        return true;
    }

    synchronized void release(long bytes) {
        reservedBytes -= bytes;
    }

    synchronized long reservedBytes() {
        return reservedBytes;
    }

    long budgetBytes() {
        return budgetBytes;
    }

    /**
     * One import's share: its floor, plus what it grew into. Single-threaded except {@link #close}, which may come
     * from the request thread after the sender thread has stopped.
     */
    final class Lease implements AutoCloseable {

        private final long floorBytes;
        private long grownBytes;
        private boolean closed;

        private Lease(long floorBytes) {
            this.floorBytes = floorBytes;
        }

        long floorBytes() {
            return floorBytes;
        }

        /** Reserves {@code bytes} more beyond the floor; false (and nothing reserved) when the budget is short. */
        synchronized boolean tryGrow(long bytes) {
            if (closed || !tryReserve(bytes)) {
                return false;
            }
            grownBytes += bytes;
            return true;
        }

        /** Gives back {@code bytes} of what {@link #tryGrow} reserved (a buffer replaced by a larger one). */
        synchronized void shrink(long bytes) {
            long given = Math.min(bytes, grownBytes);
            grownBytes -= given;
            release(given);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release(floorBytes + grownBytes);
                grownBytes = 0;
            }
        }
    }
}
