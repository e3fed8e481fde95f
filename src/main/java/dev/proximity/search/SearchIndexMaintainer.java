package dev.proximity.search;

import java.time.Instant;
import java.util.List;

import dev.proximity.business.BusinessChanged;
import dev.proximity.business.BusinessesImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Loads the search state before the web server accepts requests, and applies every committed business write
 * to it synchronously (in the writer's thread, after commit), so the next search on this instance sees it.
 * Writes of other instances arrive through {@link BusinessChangeRelay}.
 */
@Component
class SearchIndexMaintainer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexMaintainer.class);

    private final SearchState state;
    static final int ORDER = CellCacheEvictor.ORDER + 1;

    private final BusinessRowLoader loader;
    private final CellCache cells;
    private final int catchUpMaxRows;
    private volatile Instant loadedSince = Instant.now();

    SearchIndexMaintainer(SearchState state, BusinessRowLoader loader, SearchProperties properties,
            ObjectProvider<CellCache> cells) {
        this.state = state;
        this.loader = loader;
        this.cells = cells.getIfAvailable();
        this.catchUpMaxRows = properties.catchUpMaxRows();
    }

    @Override
    public void afterSingletonsInstantiated() {
        reloadAll();
    }

    /** When the last full load started: every write committed before it is in the state. */
    Instant loadedSince() {
        return loadedSince;
    }

    void reloadAll() {
        long started = System.nanoTime();
        loadedSince = Instant.now();
        BaseTable table = loader.loadAll(state);
        state.replaceAll(table);
        if (cells != null) {
            cells.invalidateAll();
        }
        Generation generation = state.current();
        log.info("Search state loaded: {} businesses in {} ms, about {} bytes per business", generation.size(),
                (System.nanoTime() - started) / 1_000_000,
                generation.size() == 0 ? 0 : generation.heapBytes() / generation.size());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Order(ORDER)
    void onChanged(BusinessChanged event) {
        apply(event);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Order(ORDER)
    void onImported(BusinessesImported event) {
        apply(event);
    }

    /** Brings one business up to date with the database: a write of this instance or, relayed, of another. */
    void apply(BusinessChanged event) {
        try {
            double[] before = state.locationOf(event.businessId());
            BusinessRow row = event.type() == BusinessChanged.Type.DELETED ? null
                    : loader.loadOne(state, event.businessId());
            if (row == null) {
                state.delete(event.businessId());
            } else {
                state.upsert(row);
            }
            if (cells != null) {
                if (before != null) {
                    cells.invalidate(before[0], before[1]);
                }
                if (row != null) {
                    cells.invalidate(row.latitude(), row.longitude());
                }
            }
        } catch (RuntimeException e) {
            log.error("Could not apply a business change to search; reloading everything", e);
            reloadAll();
        }
    }

    /**
     * Brings the state up to date with every business written or deleted since {@code since} (change messages
     * were missed). Each is re-read on the primary and applied like a relayed change; more than
     * {@code catchUpMaxRows} of them reload everything instead.
     */
    void catchUp(Instant since) {
        try {
            long started = System.nanoTime();
            BusinessRowLoader.Changes changes = loader.changedSince(since, catchUpMaxRows);
            if (changes == null) {
                log.info("Catching up with more than {} missed business changes: reloading everything",
                        catchUpMaxRows);
                reloadAll();
                return;
            }
            for (long id : changes.written()) {
                apply(new BusinessChanged(id, BusinessChanged.Type.UPDATED, null, null));
            }
            for (long id : changes.deleted()) {
                apply(new BusinessChanged(id, BusinessChanged.Type.DELETED, null, null));
            }
            if (!changes.written().isEmpty() || !changes.deleted().isEmpty()) {
                log.info("Caught up with {} written and {} deleted businesses in {} ms", changes.written().size(),
                        changes.deleted().size(), (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.error("Could not catch up with missed business changes; reloading everything", e);
            reloadAll();
        }
    }

    /** Adds an import's rows: one of this instance or, relayed, of another. */
    void apply(BusinessesImported event) {
        try {
            long started = System.nanoTime();
            BaseTable rows = loader.loadImported(state, event.ownerId(), event.firstId(), event.lastId(),
                    event.count());
            long read = System.nanoTime();
            state.upsertAll(rows);
            if (cells != null) {
                cells.invalidateAll();
            }
            long done = System.nanoTime();
            log.info("Search added {} imported businesses in {} ms ({} ms reading them back, {} ms indexing)",
                    event.count(), (done - started) / 1_000_000, (read - started) / 1_000_000,
                    (done - read) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("Could not apply an import to search; reloading everything", e);
            reloadAll();
        }
    }
}
