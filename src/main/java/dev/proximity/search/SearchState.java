package dev.proximity.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.proximity.geo.quadtree.Quadtree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable businesses of this instance, and the only place that changes them.
 *
 * <p><b>Shape.</b> A {@link Snapshot}: an immutable {@link BaseTable} (columns sorted by id), the {@link Overlay}
 * of changes since it was built, and a quadtree over both, tagged with the change log position it reflects.
 * When the overlay holds {@code overlayMaxEntries} changes or its first change is {@code overlayMaxAge} old, a
 * background thread folds it into a new base table and swaps that in.
 *
 * <p><b>Concurrency.</b> Readers take no lock: they read {@link #current()} once (volatile) and use that snapshot
 * for the whole query. Writers (the change feed's batches, full reloads, the rebuild's final step) are
 * serialised by this object's monitor, and each publishes exactly one new snapshot: every change of a batch is
 * visible at once or not at all, so a moved business is never missing or doubled, on any index. The rebuild
 * copies the state without the lock, then, under the lock, replays the changes that arrived meanwhile onto the
 * new base and swaps it in, so no change is lost and readers of the old snapshot finish undisturbed. Before it
 * publishes a batch, a writer marks the cells the batch touches in {@link CellChanges}, so no copy of a cell
 * made before the batch is used by a search of the new snapshot.
 *
 * <p><b>Memory</b> per business: base columns 52 bytes plus the UTF-8 name, address and name keywords, quadtree
 * about 50 (see {@code PointIndex#heapBytes}), the clusters' {@link ClusterIndex} 28. Repeated values
 * (category, city and country, opening hours with time zone) are dictionary codes.
 */
final class SearchState {

    private static final Logger log = LoggerFactory.getLogger(SearchState.class);
    /** Batches changing more businesses than this mark every cell changed instead of listing their cells. */
    private static final int MARK_ALL_ABOVE = 4_096;

    private final Dictionary<String, String> categories = Dictionary.identity();
    private final Dictionary<Locality, Locality> localities = Dictionary.identity();
    private final Dictionary<String, OpeningSchedule> schedules;
    private final CellChanges cellChanges;
    private final CellKeys cellKeys;
    private final int overlayMaxEntries;
    private final Duration overlayMaxAge;
    private final ScheduledExecutorService rebuilder;
    private volatile Snapshot current = Snapshot.of(0, BaseTable.empty());

    SearchState(CellChanges cellChanges, CellKeys cellKeys, int overlayMaxEntries, Duration overlayMaxAge,
            Dictionary<String, OpeningSchedule> schedules) {
        this.cellChanges = cellChanges;
        this.cellKeys = cellKeys;
        this.overlayMaxEntries = overlayMaxEntries;
        this.overlayMaxAge = overlayMaxAge;
        this.schedules = schedules;
        this.rebuilder = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "search-rebuild");
            thread.setDaemon(true);
            return thread;
        });
    }

    Snapshot current() {
        return current;
    }

    Dictionary<String, String> categories() {
        return categories;
    }

    Dictionary<Locality, Locality> localities() {
        return localities;
    }

    Dictionary<String, OpeningSchedule> schedules() {
        return schedules;
    }

    /**
     * The sorted codes of the category names that exist here (empty: none does, nothing can match), or null for
     * no category filter at all.
     */
    int[] categoryCodes(List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        return names.stream().mapToInt(categories::codeOf).filter(c -> c >= 0).sorted().toArray();
    }

    /** Replaces everything (a full load) with the businesses as of {@code position}. */
    synchronized void replaceAll(long position, BaseTable table) {
        Snapshot next = Snapshot.of(position, table);
        cellChanges.markAll(position);
        publish(next);
    }

    /**
     * Applies one batch of the change log, ending at {@code position}, as one new snapshot: {@code upserts} and
     * the rows of {@code imported} are the businesses as they are now (added or replaced), {@code deletes} the
     * ids that no longer exist.
     */
    synchronized void apply(long position, List<BusinessRow> upserts, List<Long> deletes, List<BaseTable> imported) {
        Snapshot snapshot = current;
        long changes = upserts.size() + deletes.size();
        for (BaseTable table : imported) {
            changes += table.size();
        }
        markCells(snapshot, position, changes, upserts, deletes, imported);
        if (snapshot.overlay.changeCount() + changes > overlayMaxEntries) {
            publish(Snapshot.of(position, merge(snapshot.table, snapshot.overlay, imported, upserts,
                    new HashSet<>(deletes))));
            return;
        }
        List<BusinessRow> rows = new ArrayList<>(upserts);
        for (BaseTable table : imported) {
            for (int row = 0; row < table.size(); row++) {
                rows.add(table.row(row));
            }
        }
        publish(applyToOverlay(snapshot, position, rows, deletes));
        afterChange();
    }

    /** Makes {@code next} what searches read (under the monitor). */
    private void publish(Snapshot next) {
        BaseTable before = current.table;
        cellChanges.publishedAt(next.position);
        current = next;
        if (next.table != before && next.table.size() > 0) {
            rebuilder.execute(() -> next.table.clusterIndex()); // ahead of the first clusters request
        }
    }

    /**
     * Marks the cells of the businesses' old and new positions as changed at {@code position}, before the
     * snapshot that holds the change is published (see {@link CellChanges}); every cell when there are too many.
     */
    private void markCells(Snapshot before, long position, long changes, List<BusinessRow> upserts,
            List<Long> deletes, List<BaseTable> imported) {
        if (changes > MARK_ALL_ABOVE) {
            cellChanges.markAll(position);
            return;
        }
        for (BusinessRow row : upserts) {
            markOldAndNew(before, row.id(), row.latitude(), row.longitude(), position);
        }
        for (long id : deletes) {
            markOldAndNew(before, id, Double.NaN, Double.NaN, position);
        }
        for (BaseTable table : imported) {
            for (int row = 0; row < table.size(); row++) {
                markOldAndNew(before, table.id(row), table.latitude(row), table.longitude(row), position);
            }
        }
    }

    private void markOldAndNew(Snapshot before, long id, double lat, double lng, long position) {
        long handle = before.handleOf(id);
        if (handle != Long.MIN_VALUE) {
            cellChanges.mark(cellKeys.ofPoint(before.latitude(handle), before.longitude(handle)), position);
        }
        if (!Double.isNaN(lat)) {
            cellChanges.mark(cellKeys.ofPoint(lat, lng), position);
        }
    }

    /** Folds the overlay into a new base; a no-op when there is nothing to fold. Safe to call any time. */
    void rebuild() {
        Snapshot before;
        synchronized (this) {
            before = current;
        }
        if (before.overlay.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Snapshot folded = Snapshot.of(before.position, merge(before.table, before.overlay, List.of(), List.of(),
                Set.of()));
        synchronized (this) {
            Snapshot latest = current;
            if (latest.table != before.table) {
                return; // replaced meanwhile by a reload or a merge
            }
            List<BusinessRow> upserts = new ArrayList<>();
            List<Long> deletes = new ArrayList<>();
            for (Map.Entry<Long, Integer> change : latest.overlay.seqById().entrySet()) {
                Integer seq = change.getValue();
                if (!Objects.equals(before.overlay.seqOf(change.getKey()), seq)) {
                    if (seq == 0) {
                        deletes.add(change.getKey());
                    } else {
                        upserts.add(latest.overlay.entry(seq));
                    }
                }
            }
            publish(applyToOverlay(folded, latest.position, upserts, deletes));
            afterChange();
        }
        log.debug("Search index rebuilt: {} businesses in {} ms", folded.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    void shutdown() {
        rebuilder.shutdownNow();
    }

    /** Schedules a rebuild when the overlay is full, or for when its oldest change is {@code overlayMaxAge} old. */
    private void afterChange() {
        Overlay overlay = current.overlay;
        if (overlay.changeCount() >= overlayMaxEntries) {
            rebuilder.execute(this::rebuildQuietly);
        } else if (overlay.changeCount() > 0 && overlay.firstChangeNanos() != ageRebuildFor) {
            ageRebuildFor = overlay.firstChangeNanos();
            rebuilder.schedule(this::rebuildQuietly, overlayMaxAge.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The overlay (by its first change's time) whose age-based rebuild is scheduled; guarded by the monitor. */
    private long ageRebuildFor;

    private void rebuildQuietly() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            log.error("Search index rebuild failed; the overlay keeps serving the changes", e);
            rebuilder.schedule(this::rebuildQuietly, overlayMaxAge.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Where a business is in a snapshot being edited: a base row or an overlay entry, with its position. */
    private record Previous(int row, int seq, double latitude, double longitude) {
        long handle() {
            return row >= 0 ? row : -seq;
        }
    }

    private static Previous locate(BaseTable table, Overlay.Editor editor, long id) {
        Integer seq = editor.seqOf(id);
        if (seq != null) {
            if (seq == 0) {
                return null;
            }
            BusinessRow entry = editor.entry(seq);
            return new Previous(-1, seq, entry.latitude(), entry.longitude());
        }
        int row = table.rowOf(id);
        return row < 0 ? null : new Previous(row, 0, table.latitude(row), table.longitude(row));
    }

    /** The snapshot with these changes in its overlay and quadtree, at {@code position}. */
    private static Snapshot applyToOverlay(Snapshot snapshot, long position, List<BusinessRow> upserts,
            List<Long> deletes) {
        Overlay.Editor editor = snapshot.overlay.edit(System.nanoTime());
        Quadtree tree = snapshot.quadtree.edited(edit -> {
            for (BusinessRow row : upserts) {
                Previous previous = locate(snapshot.table, editor, row.id());
                int seq = editor.upsert(row, previous == null ? -1 : previous.row(),
                        previous == null ? 0 : previous.seq());
                if (previous != null) {
                    edit.remove(previous.handle(), previous.latitude(), previous.longitude());
                }
                edit.insert(-seq, row.latitude(), row.longitude());
            }
            for (long id : deletes) {
                Previous previous = locate(snapshot.table, editor, id);
                if (previous != null) {
                    editor.delete(id, previous.row(), previous.seq());
                    edit.remove(previous.handle(), previous.latitude(), previous.longitude());
                }
            }
        });
        return new Snapshot(position, snapshot.table, editor.done(), tree);
    }

    /** A new base: the old one without what the overlay hid, then the overlay, imports and upserts, minus deletes. */
    private static BaseTable merge(BaseTable table, Overlay overlay, List<BaseTable> imported,
            List<BusinessRow> upserts, Set<Long> deletes) {
        long expected = table.size() + overlay.liveSeqs().length + upserts.size();
        for (BaseTable rows : imported) {
            expected += rows.size();
        }
        BaseTable.Builder builder = new BaseTable.Builder((int) Math.min(expected, Integer.MAX_VALUE - 16));
        for (int row = 0; row < table.size(); row++) {
            if (!overlay.hidesRow(row) && !deletes.contains(table.id(row))) {
                builder.addFrom(table, row);
            }
        }
        for (int seq : overlay.liveSeqs()) {
            BusinessRow entry = overlay.entry(seq);
            if (!deletes.contains(entry.id())) {
                builder.add(entry);
            }
        }
        // the builder keeps the last row added per id, so newer rows replace older ones
        for (BaseTable rows : imported) {
            for (int row = 0; row < rows.size(); row++) {
                builder.addFrom(rows, row);
            }
        }
        for (BusinessRow row : upserts) {
            builder.add(row);
        }
        return builder.build();
    }
}
