package dev.proximity.search;

import dev.proximity.business.BusinessChanged;
import dev.proximity.business.BusinessesImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
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
    private final BusinessRowLoader loader;

    SearchIndexMaintainer(SearchState state, BusinessRowLoader loader) {
        this.state = state;
        this.loader = loader;
    }

    @Override
    public void afterSingletonsInstantiated() {
        reloadAll();
    }

    void reloadAll() {
        long started = System.nanoTime();
        BaseTable table = loader.loadAll(state);
        state.replaceAll(table);
        Generation generation = state.current();
        log.info("Search state loaded: {} businesses in {} ms, about {} bytes per business", generation.size(),
                (System.nanoTime() - started) / 1_000_000,
                generation.size() == 0 ? 0 : generation.heapBytes() / generation.size());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onChanged(BusinessChanged event) {
        apply(event);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onImported(BusinessesImported event) {
        apply(event);
    }

    /** Brings one business up to date with the database: a write of this instance or, relayed, of another. */
    void apply(BusinessChanged event) {
        try {
            BusinessRow row = event.type() == BusinessChanged.Type.DELETED ? null
                    : loader.loadOne(state, event.businessId());
            if (row == null) {
                state.delete(event.businessId());
            } else {
                state.upsert(row);
            }
        } catch (RuntimeException e) {
            log.error("Could not apply a business change to search; reloading everything", e);
            reloadAll();
        }
    }

    /** Adds an import's rows: one of this instance or, relayed, of another. */
    void apply(BusinessesImported event) {
        try {
            state.upsertAll(loader.loadImported(state, event.ownerId(), event.firstId(), event.lastId(),
                    event.count()));
        } catch (RuntimeException e) {
            log.error("Could not apply an import to search; reloading everything", e);
            reloadAll();
        }
    }
}
