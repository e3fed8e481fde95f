package dev.proximity.bench;

import java.io.Closeable;
import java.io.IOException;

/** Something the closed-loop {@link LoadGenerator} can query over one connection per worker. */
interface LoadTarget {

    /** Prepares everything a query needs (request bytes) before the clock starts. */
    void prepare(LoadQueries queries);

    Connection open() throws IOException;

    /** One blocking connection; {@link #query} returns false for an error answer, throws for a socket error. */
    interface Connection extends Closeable {
        boolean query(int index) throws IOException;
    }
}
