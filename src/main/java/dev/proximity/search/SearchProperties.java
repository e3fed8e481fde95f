package dev.proximity.search;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Search settings.
 *
 * @param defaultIndex the index used when a request names none
 * @param overlayMaxEntries changes kept beside the base table before it is rebuilt; every quadtree update copies
 *        the overlay's index, so a few thousand cost microseconds
 * @param overlayMaxAge how long a change may wait in the overlay before a rebuild folds it in
 * @param loadFetchSize rows per round trip when streaming businesses from the database
 * @param warmup how long a fresh instance may warm itself up with searches before it reports ready (it stops
 *        earlier when its throughput stops growing); 0 turns the warm-up off; unset: 60 s in production, none
 *        in the embedded mode (a try-out on a laptop needs no readiness)
 * @param changes how this instance follows the change log
 * @param cells the cells geohash and S2 searches read
 */
@ConfigurationProperties("proximity.search")
@Validated
record SearchProperties(
        @DefaultValue("S2") IndexType defaultIndex,
        @DefaultValue("4096") @Min(1) @Max(1_000_000) int overlayMaxEntries,
        @DefaultValue("30s") Duration overlayMaxAge,
        @DefaultValue("10000") @Min(1) int loadFetchSize,
        Duration warmup,
        @DefaultValue @Valid Changes changes,
        @DefaultValue @Valid Cells cells) {

    /**
     * @param pollInterval the longest an instance goes without reading the log (wake-ups make it sooner); bounds
     *        how stale a search can be when wake-ups are lost
     * @param maxBatchEntries an instance further behind than this many log entries reloads everything instead
     * @param writeWait how long a write waits, after its commit, for its own instance to apply it
     * @param importWait the same for an import (its rows are read back and indexed)
     * @param wakeupRetry how often a lost wake-up subscription is retried
     */
    record Changes(
            @DefaultValue("250ms") Duration pollInterval,
            @DefaultValue("50000") @Min(1) long maxBatchEntries,
            @DefaultValue("2s") Duration writeWait,
            @DefaultValue("60s") Duration importWait,
            @DefaultValue("1s") Duration wakeupRetry) {
    }

    /**
     * @param localMaxListings bound of the local layer, in businesses listed by its cells (a business is listed
     *        once per level its cells are read at; a listing costs 40 bytes)
     * @param localMaxAge a local copy of a cell is dropped this long after it was made, however often it is read
     * @param maxS2Level finer S2 covering cells are coarsened to this level, which bounds the cells one change
     *        touches (0..maxS2Level)
     * @param redisView keep the cell view in Redis and read it (false: cells come from the local layer and
     *        memory only)
     */
    record Cells(
            @DefaultValue("4000000") @Min(1) long localMaxListings,
            @DefaultValue("10m") Duration localMaxAge,
            @DefaultValue("16") @Min(4) @Max(24) int maxS2Level,
            @DefaultValue("true") boolean redisView) {
    }
}
