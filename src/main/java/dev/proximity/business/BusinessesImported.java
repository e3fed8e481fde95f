package dev.proximity.business;

/**
 * Published in an import's transaction and handled after it commits: the change log entry at {@code position}
 * covers the owner's new businesses with ids in {@code [firstId, lastId]}.
 */
public record BusinessesImported(long ownerId, long firstId, long lastId, long count, long position) {
}
