package dev.proximity.business;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

import dev.proximity.system.PayloadTooLargeException;

/**
 * An import's request body as it arrives: at most {@code maxBytes} (413 past it), within the upload deadline
 * (408 past it), and a body that stops arriving (Tomcat's read timeout) or is cut off is named as such instead of
 * surfacing as a parse error. After every read it lets the import check on its open transaction
 * ({@link #afterEachRead}).
 */
final class UploadInput extends InputStream {

    private final InputStream in;
    private final long maxBytes;
    private final Duration uploadTimeout;
    private final long deadline;
    private long count;
    private Runnable afterEachRead = () -> { };

    UploadInput(InputStream in, long maxBytes, Duration uploadTimeout) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.uploadTimeout = uploadTimeout;
        this.deadline = System.nanoTime() + uploadTimeout.toNanos();
    }

    /** Runs {@code check} after each read that returned (it may throw to end the import). */
    void afterEachRead(Runnable check) {
        this.afterEachRead = check;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            throw causedByTimeout(e) ? IncompleteUploadException.stalled() : IncompleteUploadException.cutOff();
        }
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                throw PayloadTooLargeException.overLimit(maxBytes);
            }
        }
        if (System.nanoTime() - deadline > 0) {
            throw IncompleteUploadException.tooSlow(uploadTimeout);
        }
        afterEachRead.run();
        return n;
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
