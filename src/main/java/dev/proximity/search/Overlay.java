package dev.proximity.search;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The changes made since the current {@link BaseTable} was built: an immutable value, replaced (copy on write)
 * on every change. Entries are numbered 1, 2, ... ({@code seq}) in one append-only array shared by successive
 * overlays of a generation, so a seq once handed out stays resolvable by every later overlay; {@code seqById}
 * says which seq is current for an id (0: deleted), {@code hiddenRows} lists base rows replaced or deleted, and
 * {@code liveSeqs} the entries a query must scan besides the base index.
 */
final class Overlay {

    private static final int[] NONE = new int[0];

    private final BusinessRow[] entries;
    private final int entryCount;
    private final Map<Long, Integer> seqById;
    private final int[] hiddenRows;
    private final int[] liveSeqs;
    private final long firstChangeNanos;

    private Overlay(BusinessRow[] entries, int entryCount, Map<Long, Integer> seqById, int[] hiddenRows,
            int[] liveSeqs, long firstChangeNanos) {
        this.entries = entries;
        this.entryCount = entryCount;
        this.seqById = seqById;
        this.hiddenRows = hiddenRows;
        this.liveSeqs = liveSeqs;
        this.firstChangeNanos = firstChangeNanos;
    }

    static Overlay empty() {
        return new Overlay(new BusinessRow[16], 0, Map.of(), NONE, NONE, 0);
    }

    boolean isEmpty() {
        return seqById.isEmpty();
    }

    /** Number of ids changed since the base was built. */
    int changeCount() {
        return seqById.size();
    }

    long firstChangeNanos() {
        return firstChangeNanos;
    }

    boolean hidesRow(int row) {
        return hiddenRows.length != 0 && Arrays.binarySearch(hiddenRows, row) >= 0;
    }

    /** The base rows replaced or deleted, sorted. */
    int[] hiddenRows() {
        return hiddenRows;
    }

    int[] liveSeqs() {
        return liveSeqs;
    }

    BusinessRow entry(int seq) {
        return entries[seq - 1];
    }

    /** The current seq of {@code id}: null if the overlay does not know it, 0 if deleted. */
    Integer seqOf(long id) {
        return seqById.get(id);
    }

    Map<Long, Integer> seqById() {
        return seqById;
    }

    Editor edit(long nowNanos) {
        return new Editor(nowNanos);
    }

    /** Applies several changes with one copy. Writer only; the result is published by the caller. */
    final class Editor {
        private BusinessRow[] newEntries = entries;
        private int newCount = entryCount;
        private final Map<Long, Integer> newSeqById = new HashMap<>(seqById);
        private final java.util.TreeSet<Integer> hidden = new java.util.TreeSet<>();
        private final java.util.TreeSet<Integer> live = new java.util.TreeSet<>();
        private final long nowNanos;

        private Editor(long nowNanos) {
            this.nowNanos = nowNanos;
            for (int row : hiddenRows) {
                hidden.add(row);
            }
            for (int seq : liveSeqs) {
                live.add(seq);
            }
        }

        Integer seqOf(long id) {
            return newSeqById.get(id);
        }

        BusinessRow entry(int seq) {
            return newEntries[seq - 1];
        }

        /** Adds {@code row}, replacing base row {@code previousRow} or entry {@code previousSeq} (-1/0: none). */
        int upsert(BusinessRow row, int previousRow, int previousSeq) {
            if (newCount == newEntries.length) {
                newEntries = Arrays.copyOf(newEntries, newEntries.length * 2);
            }
            newEntries[newCount++] = row;
            int seq = newCount;
            forget(previousRow, previousSeq);
            newSeqById.put(row.id(), seq);
            live.add(seq);
            return seq;
        }

        void delete(long id, int previousRow, int previousSeq) {
            forget(previousRow, previousSeq);
            newSeqById.put(id, 0);
        }

        private void forget(int previousRow, int previousSeq) {
            if (previousRow >= 0) {
                hidden.add(previousRow);
            }
            if (previousSeq > 0) {
                live.remove(previousSeq);
            }
        }

        Overlay done() {
            long first = firstChangeNanos != 0 || newSeqById.isEmpty() ? firstChangeNanos : nowNanos;
            return new Overlay(newEntries, newCount, Map.copyOf(newSeqById),
                    hidden.stream().mapToInt(Integer::intValue).toArray(),
                    live.stream().mapToInt(Integer::intValue).toArray(), first);
        }
    }
}
