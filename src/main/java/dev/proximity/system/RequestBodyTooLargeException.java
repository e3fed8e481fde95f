package dev.proximity.system;

import java.io.IOException;

/** Thrown from a request body stream once it passes the limit; an IOException so readers stop at once. */
final class RequestBodyTooLargeException extends IOException {

    private final long limitBytes;

    RequestBodyTooLargeException(long limitBytes) {
        super("Request body is larger than " + limitBytes + " bytes", null);
        this.limitBytes = limitBytes;
    }

    long limitBytes() {
        return limitBytes;
    }
}
