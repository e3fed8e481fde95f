package dev.proximity.business;

import java.io.IOException;
import java.io.Reader;

/** Reads import rows one at a time, so an import of any size runs in constant memory. */
interface ImportRowSource {

    /** Calls {@code sink} for every data row; returns normally at the end of input. */
    void readAll(Reader input, RowSink sink) throws IOException;

    interface RowSink {

        void row(long line, BusinessRequest request);

        void error(long line, String message);
    }
}
