package dev.proximity.business;

/**
 * Published in a business write's transaction and handled after it commits: the write is the change log entry
 * at {@code position}. Search applies the log itself; the event only lets it wait, in the writer's thread, until
 * this instance has applied the entry, so the writer's next search here already sees the write.
 */
public record BusinessChanged(long businessId, Type type, long position) {

    public enum Type {
        CREATED, UPDATED, DELETED
    }
}
