package dev.proximity.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable businesses of this instance, and the only place that changes them.
 *
 * <p><b>Shape.</b> A {@link Generation} is an immutable {@link BaseTable} (columns sorted by id) with an
 * immutable geohash index and S2 index over it, a quadtree over it, and an {@link Overlay} of the changes since.
 * A geohash/S2 query visits the base index, skips the base rows the overlay hides and scans the overlay's live
 * entries; a quadtree query needs no overlay scan because every change is applied to the quadtree directly
 * (it only resolves overlay entries through it). When the overlay holds {@code overlayMaxEntries} changes or its
 * first change is {@code overlayMaxAge} old, a background thread builds a new generation and swaps it in.
 *
 * <p><b>Concurrency.</b> Readers take no lock: they read {@link #current()} once (volatile) and use that
 * generation for the whole query. Writers (change events, imports, the rebuild's final step) are serialised by
 * this object's monitor. A change is published in this order: (1) the new overlay (one volatile write; the
 * overlay is an immutable copy, and its entry array is append-only, so every seq ever published stays
 * resolvable), then (2) the quadtree edits (each a volatile root swap inside {@code Quadtree}). Hence a geohash/S2
 * reader sees each change entirely or not at all (it reads one overlay), and a quadtree reader that finds an
 * entry {@code -seq} in the tree and then reads the overlay always finds that entry. A quadtree reader running
 * exactly while a business moves may miss it once (it is removed before it is re-inserted under its new
 * entry), but never sees it twice. The rebuild copies the state without the lock, then, under the lock, replays
 * the changes that arrived meanwhile onto the new generation and swaps {@link #current} (volatile), so no change
 * is lost and readers of the old generation finish undisturbed. An import larger than the overlay's room is
 * merged by a rebuild under the lock, so its rows are searchable when the event has been handled.
 *
 * <p><b>Memory</b> per business at 1M: base columns 44 bytes plus the UTF-8 name and address; geohash index 56,
 * S2 index 56, quadtree about 50 (see {@code PointIndex#heapBytes}), so about 210 bytes plus the text. Measured
 * with 1M synthetic businesses (about 40 bytes of name and address): about 370 bytes of live heap per business,
 * above the 300-byte target; the three indexes each keep their own 48-byte point columns, which is the first
 * thing to share. Repeated values (category, city and country, opening hours with time zone) are dictionary
 * codes.
 */
final class SearchState {

    private static final Logger log = LoggerFactory.getLogger(SearchState.class);

    private final Dictionary<String, String> categories = Dictionary.identity();
    private final Dictionary<Locality, Locality> localities = Dictionary.identity();
    private final Dictionary<String, OpeningSchedule> schedules;
    private final int overlayMaxEntries;
    private final Duration overlayMaxAge;
    private final ScheduledExecutorService rebuilder;
    private volatile Generation current = Generation.of(BaseTable.empty());

    SearchState(int overlayMaxEntries, Duration overlayMaxAge, Dictionary<String, OpeningSchedule> schedules) {
        this.overlayMaxEntries = overlayMaxEntries;
        this.overlayMaxAge = overlayMaxAge;
        this.schedules = schedules;
        this.rebuilder = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "search-rebuild");
            thread.setDaemon(true);
            return thread;
        });
    }

    Generation current() {
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

    /** Where the business is in the current state, {@code {lat, lng}}, or null if search does not know it. */
    double[] locationOf(long id) {
        Generation generation = current;
        Overlay overlay = generation.overlay();
        Integer seq = overlay.seqOf(id);
        if (seq != null) {
            if (seq == 0) {
                return null;
            }
            BusinessRow entry = overlay.entry(seq);
            return new double[] {entry.latitude(), entry.longitude()};
        }
        int row = generation.table.rowOf(id);
        return row < 0 ? null : new double[] {generation.table.latitude(row), generation.table.longitude(row)};
    }

    /** Replaces everything (start-up load). */
    synchronized void replaceAll(BaseTable table) {
        current = Generation.of(table);
    }

    synchronized void upsert(BusinessRow row) {
        apply(current, List.of(row), List.of());
        afterChange();
    }

    synchronized void delete(long id) {
        apply(current, List.of(), List.of(id));
        afterChange();
    }

    /** Adds or replaces every row of {@code batch} (an import). */
    synchronized void upsertAll(BaseTable batch) {
        Generation generation = current;
        if (generation.overlay().changeCount() + batch.size() > overlayMaxEntries) {
            current = Generation.of(merge(generation.table, generation.overlay(), batch));
            return;
        }
        List<BusinessRow> rows = new ArrayList<>(batch.size());
        for (int row = 0; row < batch.size(); row++) {
            rows.add(batch.row(row));
        }
        apply(generation, rows, List.of());
        afterChange();
    }

    /** Folds the overlay into a new base; a no-op when there is nothing to fold. Safe to call any time. */
    void rebuild() {
        Generation generation;
        Overlay snapshot;
        synchronized (this) {
            generation = current;
            snapshot = generation.overlay();
        }
        if (snapshot.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Generation next = Generation.of(merge(generation.table, snapshot, null));
        synchronized (this) {
            if (current != generation) {
                return; // replaced meanwhile by a reload or an import merge
            }
            Overlay latest = generation.overlay();
            List<BusinessRow> upserts = new ArrayList<>();
            List<Long> deletes = new ArrayList<>();
            for (Map.Entry<Long, Integer> change : latest.seqById().entrySet()) {
                Integer seq = change.getValue();
                if (!Objects.equals(snapshot.seqOf(change.getKey()), seq)) {
                    if (seq == 0) {
                        deletes.add(change.getKey());
                    } else {
                        upserts.add(latest.entry(seq));
                    }
                }
            }
            apply(next, upserts, deletes);
            current = next;
        }
        log.debug("Search index rebuilt: {} businesses in {} ms", next.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    void shutdown() {
        rebuilder.shutdownNow();
    }

    private void afterChange() {
        Overlay overlay = current.overlay();
        if (overlay.changeCount() >= overlayMaxEntries) {
            rebuilder.execute(this::rebuildQuietly);
        } else if (overlay.changeCount() == 1) {
            rebuilder.schedule(this::rebuildQuietly, overlayMaxAge.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void rebuildQuietly() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            log.error("Search index rebuild failed; the overlay keeps serving the changes", e);
            rebuilder.schedule(this::rebuildQuietly, overlayMaxAge.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Where a business is now in a generation: a base row or an overlay entry, with its position. */
    private record Previous(int row, int seq, double latitude, double longitude) {
        long handle() {
            return row >= 0 ? row : -seq;
        }
    }

    private static Previous locate(Generation generation, Overlay.Editor editor, long id) {
        Integer seq = editor.seqOf(id);
        if (seq != null) {
            if (seq == 0) {
                return null;
            }
            BusinessRow entry = editor.entry(seq);
            return new Previous(-1, seq, entry.latitude(), entry.longitude());
        }
        int row = generation.table.rowOf(id);
        return row < 0 ? null
                : new Previous(row, 0, generation.table.latitude(row), generation.table.longitude(row));
    }

    /** Publishes the overlay first, then edits the quadtree (the order the class doc relies on). */
    private static void apply(Generation generation, List<BusinessRow> upserts, List<Long> deletes) {
        Overlay.Editor editor = generation.overlay().edit(System.nanoTime());
        List<Runnable> treeEdits = new ArrayList<>();
        for (BusinessRow row : upserts) {
            Previous previous = locate(generation, editor, row.id());
            int seq = editor.upsert(row, previous == null ? -1 : previous.row(),
                    previous == null ? 0 : previous.seq());
            treeEdits.add(() -> {
                if (previous != null) {
                    generation.quadtree.remove(previous.handle(), previous.latitude(), previous.longitude());
                }
                generation.quadtree.insert(-seq, row.latitude(), row.longitude());
            });
        }
        for (long id : deletes) {
            Previous previous = locate(generation, editor, id);
            if (previous == null) {
                continue;
            }
            editor.delete(id, previous.row(), previous.seq());
            treeEdits.add(() -> generation.quadtree.remove(previous.handle(), previous.latitude(),
                    previous.longitude()));
        }
        generation.publish(editor.done());
        treeEdits.forEach(Runnable::run);
    }

    private static BaseTable merge(BaseTable table, Overlay overlay, BaseTable extra) {
        BaseTable.Builder builder = new BaseTable.Builder(table.size() + overlay.liveSeqs().length
                + (extra == null ? 0 : extra.size()));
        for (int row = 0; row < table.size(); row++) {
            if (!overlay.hidesRow(row)) {
                builder.addFrom(table, row);
            }
        }
        for (int seq : overlay.liveSeqs()) {
            builder.add(overlay.entry(seq));
        }
        if (extra != null) {
            for (int row = 0; row < extra.size(); row++) {
                builder.addFrom(extra, row);
            }
        }
        return builder.build();
    }
}
