package dev.proximity.business;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * How many imports run at once on this instance, in all and per owner, in their requests or in the background.
 * Each running import holds a request thread for as long as its client takes to upload (then, in the background,
 * a job thread), a share of the memory budget and, while it writes, a primary connection; without a cap one account could open enough slow imports to exhaust them. Refusals are
 * immediate (nothing waits for a slot): the owner's own excess is theirs to pace (429), a full instance is
 * the server's state (503). Per instance, as the resources are; behind a load balancer an owner may run this
 * many on each instance.
 */
@Component
class ImportSlots {

    private final int maxConcurrent;
    private final int maxPerOwner;
    private final Map<Long, Integer> byOwner = new HashMap<>();
    private int running;

    ImportSlots(ImportProperties properties, MeterRegistry registry) {
        this.maxConcurrent = properties.maxConcurrent();
        this.maxPerOwner = properties.maxConcurrentPerOwner();
        Gauge.builder("proximity.import.running", this, ImportSlots::running)
                .description("bulk imports running on this instance").register(registry);
    }

    /** A slot for one import of {@code ownerId}; close it when the import is over, however it ends. */
    Slot acquire(long ownerId) {
        synchronized (this) {
            if (byOwner.getOrDefault(ownerId, 0) >= maxPerOwner) {
                throw ImportRefusedException.ownerBusy(maxPerOwner);
            }
            if (running >= maxConcurrent) {
                throw ImportRefusedException.instanceBusy();
            }
            byOwner.merge(ownerId, 1, Integer::sum);
            running++;
        }
        return new Slot(ownerId);
    }

    synchronized int running() {
        return running;
    }

    synchronized int runningFor(long ownerId) {
        return byOwner.getOrDefault(ownerId, 0);
    }

    private synchronized void release(long ownerId) {
        byOwner.computeIfPresent(ownerId, (owner, count) -> count == 1 ? null : count - 1);
        running--;
    }

    final class Slot implements AutoCloseable {

        private final long ownerId;
        private boolean released;

        private Slot(long ownerId) {
            this.ownerId = ownerId;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                release(ownerId);
            }
        }
    }
}
