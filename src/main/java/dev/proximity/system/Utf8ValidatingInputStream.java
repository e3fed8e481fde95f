package dev.proximity.system;

import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through while checking that they are well-formed UTF-8 (Unicode 15, table 3-7): no stray
 * continuation bytes, no overlong forms ({@code C0 AE} for {@code .}), no encoded surrogates ({@code ED A0 80}),
 * nothing above U+10FFFF, no sequence cut off at the end. Jackson's own UTF-8 reader decodes overlong forms and
 * encoded surrogates without a word, so a JSON body could carry text that is not what its bytes say.
 */
final class Utf8ValidatingInputStream extends FilterInputStream {

    /** Continuation bytes still expected, and the range the next one must be in (narrower after E0, ED, F0, F4). */
    private int pending;
    private int low = 0x80;
    private int high = 0xBF;
    private long line = 1;
    private long column;

    Utf8ValidatingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            atEnd();
        }
        for (int i = 0; i < n; i++) {
            check(buffer[offset + i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported: every byte must be checked");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(int b) throws InvalidUtf8Exception {
        column++;
        if (pending > 0) {
            if (b < low || b > high) {
                throw invalid();
            }
            pending--;
            low = 0x80;
            high = 0xBF;
            return;
        }
        if (b < 0x80) {
            if (b == '\n') {
                line++;
                column = 0;
            }
            return;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw invalid();
        }
    }

    private void atEnd() throws InvalidUtf8Exception {
        if (pending > 0) {
            column++;
            throw invalid();
        }
    }

    private InvalidUtf8Exception invalid() {
        return new InvalidUtf8Exception("The body is not valid UTF-8 at line " + line + ", byte " + column);
    }

    /** Bytes that are not UTF-8; the message says where, never what. */
    static final class InvalidUtf8Exception extends CharConversionException {

        InvalidUtf8Exception(String message) {
            super(message);
        }
    }
}
