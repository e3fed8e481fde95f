package dev.proximity.business;

/**
 * Published after an import commits. The new rows are the owner's businesses with ids in
 * {@code [firstId, lastId]} (ids are time-ordered, so a reader can load exactly them).
 */
public record BusinessesImported(long ownerId, long firstId, long lastId, long count) {
}
