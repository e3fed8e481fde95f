package dev.proximity.bench;

import java.io.Closeable;
import java.io.IOException;

/** Something the closed-loop {@link LoadGenerator} can query over one connection per worker. */
interface LoadTarget {

    /** Prepares everything a query needs (request bytes) before the clock starts. */
    void prepare(LoadQueries queries);

    Connection open() throws IOException;

    /** What the target wants reported besides the timings ({@code key=value ...}), or null. */
    default String summary() {
        return null;
    }

    /** The first error answer seen (what was sent, what came back), or null. */
    default String firstError() {
        return null;
    }

    /** One blocking connection; {@link #query} returns false for an error answer, throws for a socket error. */
    interface Connection extends Closeable {
        boolean query(int index) throws IOException;
    }
}
