package dev.proximity.business;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.proximity.system.PayloadTooLargeException;

/** Stops reading an import body past its byte limit (413). */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw PayloadTooLargeException.overLimit(limit);
        }
    }
}
