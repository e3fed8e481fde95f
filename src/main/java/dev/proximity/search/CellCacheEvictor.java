package dev.proximity.search;

import dev.proximity.business.BusinessChanged;
import dev.proximity.business.BusinessesImported;
import dev.proximity.geo.LatLng;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The writer's step of the cell cache protocol (see {@link CellCache}): after commit and before the change is
 * applied locally and published, evict the Redis cells of the business's old and new position. An import
 * touches too many cells to list: it moves everyone to a new epoch instead.
 */
@Component
class CellCacheEvictor {

    static final int ORDER = 0;

    private final CellCache cells;

    CellCacheEvictor(ObjectProvider<CellCache> cells) {
        this.cells = cells.getIfAvailable();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Order(ORDER)
    void onChanged(BusinessChanged event) {
        if (cells != null) {
            cells.evictShared(event.businessId(), point(event.before()), point(event.after()));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    @Order(ORDER)
    void onImported(BusinessesImported event) {
        if (cells != null) {
            cells.renewEpoch();
        }
    }

    private static double[] point(LatLng location) {
        return location == null ? null : new double[] {location.latDegrees(), location.lngDegrees()};
    }
}
