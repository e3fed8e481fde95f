package dev.proximity.business;

import java.io.IOException;

/**
 * Reads import rows one at a time, so an import of any size runs in bounded memory: at most one record of
 * {@code proximity.import.max-record-chars} is held, and a longer one stops the import as soon as it is seen
 * ({@link ImportLineTooLongException}).
 */
interface ImportRowSource {

    /**
     * Reads up to the next row and hands it, or what is wrong with it, to {@code sink}; false at the end of the
     * input (or once a problem makes the rest unreadable: broken CSV quoting, bytes that are not UTF-8).
     */
    boolean next(RowSink sink) throws IOException;

    interface RowSink {

        void row(long line, BusinessRequest request);

        void error(long line, String message);
    }
}
