package dev.proximity.business;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far one running import has come, written by its thread and read by the job heartbeat on another: rows read
 * (good and bad) and rows sent to PostgreSQL in the import's transaction.
 */
final class ImportProgress {

    private final AtomicLong rowsRead = new AtomicLong();
    private volatile BusinessCopyWriter copy;

    void read(long rows) {
        rowsRead.lazySet(rows); // the reader is a heartbeat seconds later: no fence per row
    }

    void writingTo(BusinessCopyWriter writer) {
        this.copy = writer;
    }

    long rowsRead() {
        return rowsRead.get();
    }

    long rowsWritten() {
        BusinessCopyWriter writer = copy;
        return writer == null ? 0 : writer.rowsSent();
    }
}
