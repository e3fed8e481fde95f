package dev.proximity.search;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Nearby search settings.
 *
 * @param defaultIndex the index used when a request names none
 * @param overlayMaxEntries changes kept beside the immutable geohash/S2 indexes before they are rebuilt; every
 *        query scans them linearly, so a few thousand cost microseconds
 * @param overlayMaxAge how long a change may wait in the overlay before a rebuild folds it in
 * @param loadFetchSize rows per round trip when streaming businesses from the database
 * @param catchUpMargin how far before the moment change messages stopped arriving an instance re-reads
 *        businesses when its subscription is back: covers clock skew between instances (a write's
 *        {@code updated_at} is the writer's clock) and transactions that commit long after they stamped rows
 * @param catchUpMaxRows more missed changes than this reload the whole state instead of re-reading one by one
 * @param subscriptionRetry how often a lost subscription to the change channel is retried
 * @param cache the cell cache of the geohash and S2 searches
 */
@ConfigurationProperties("proximity.search")
@Validated
record SearchProperties(
        @DefaultValue("S2") IndexType defaultIndex,
        @DefaultValue("4096") @Min(1) @Max(1_000_000) int overlayMaxEntries,
        @DefaultValue("30s") Duration overlayMaxAge,
        @DefaultValue("10000") @Min(1) int loadFetchSize,
        @DefaultValue("10s") Duration catchUpMargin,
        @DefaultValue("20000") @Min(1) int catchUpMaxRows,
        @DefaultValue("1s") Duration subscriptionRetry,
        @DefaultValue @Valid Cache cache) {

    /**
     * @param enabled geohash and S2 searches read cells through the local layer, Redis and the database; false
     *        answers them from this instance's full in-memory state instead (as the quadtree always is)
     * @param localMaxBusinesses bound of the local layer, in businesses listed by its cells (a business is listed
     *        once per cached level it is found at, and costs a reference each time plus one shared row object)
     * @param redisTtl lifetime of cells and business objects in Redis
     * @param maxS2Level finer S2 covering cells are coarsened to this level, which bounds the levels a write
     *        must evict (0..maxS2Level)
     */
    record Cache(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("4000000") @Min(1) long localMaxBusinesses,
            @DefaultValue("10m") Duration redisTtl,
            @DefaultValue("16") @Min(4) @Max(30) int maxS2Level) {
    }
}
