package dev.proximity.business;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for import bodies. Unlike {@link java.io.InputStreamReader}, which throws as soon as a bad byte is
 * in its buffer, this returns every character before the first bad byte and throws {@link NotUtf8Exception} on
 * the next read, so the reader can name the line the bad byte is on. Encoded surrogates and overlong forms are
 * bad bytes too (the JDK's decoder refuses them).
 */
final class Utf8Reader extends Reader {

    static final int BUFFER_BYTES = 64 << 10;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES).flip();
    private boolean endOfInput;
    private boolean flushed;
    private boolean broken;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (broken) {
            throw new NotUtf8Exception();
        }
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                broken = true;
                if (out.position() > offset) {
                    return out.position() - offset; // what came before the bad byte; the next read throws
                }
                throw new NotUtf8Exception();
            }
            if (result.isOverflow() || out.position() > offset && !endOfInput) {
                return out.position() - offset;
            }
            if (endOfInput) {
                if (!flushed) {
                    flushed = true;
                    decoder.flush(out);
                }
                return out.position() > offset ? out.position() - offset : -1;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The body is not UTF-8 at the point the reader has reached. */
    static final class NotUtf8Exception extends CharacterCodingException {
    }
}
