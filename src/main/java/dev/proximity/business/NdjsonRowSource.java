package dev.proximity.business;

import java.io.IOException;
import java.io.Reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.proximity.system.FieldProblem;
import dev.proximity.system.JsonErrors;

/**
 * One business per line, in the same JSON as {@code POST /v1/businesses} and with the same strictness (NUL and
 * unpaired surrogates included). Blank lines are skipped but counted, so line numbers are physical lines.
 */
final class NdjsonRowSource implements ImportRowSource {

    private final ObjectReader reader;
    private final Reader input;
    private final int maxLineChars;
    private final char[] buffer = new char[8 << 10];
    private final StringBuilder text = new StringBuilder();
    private int position;
    private int limit;
    private long line;
    private boolean done;

    NdjsonRowSource(ObjectMapper json, Reader input, int maxLineChars) {
        this.reader = json.readerFor(BusinessRequest.class);
        this.input = input;
        this.maxLineChars = maxLineChars;
    }

    @Override
    public boolean next(RowSink sink) throws IOException {
        while (!done) {
            boolean ended;
            try {
                ended = readLine();
            } catch (Utf8Reader.NotUtf8Exception e) {
                done = true;
                sink.error(line + 1, "is not valid UTF-8");
                return true;
            }
            if (ended && text.isEmpty()) {
                done = true;
                return false;
            }
            line++;
            done = ended;
            if (!isBlank(text)) {
                parse(line, text.toString(), sink);
                return true;
            }
        }
        return false;
    }

    /** The next line into {@link #text}, without its newline; true when the input ended instead. */
    private boolean readLine() throws IOException {
        text.setLength(0);
        while (true) {
            if (position == limit) {
                limit = input.read(buffer, 0, buffer.length);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return true;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (text.length() + (position - start) > maxLineChars) {
                throw ImportLineTooLongException.of(line + 1, maxLineChars);
            }
            text.append(buffer, start, position - start);
            if (position < limit) {
                position++; // the newline
                return false;
            }
        }
    }

    private static boolean isBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void parse(long line, String text, RowSink sink) {
        try {
            sink.row(line, reader.readValue(text));
        } catch (JsonProcessingException e) {
            FieldProblem first = JsonErrors.toProblem(e).fieldErrors().stream().findFirst().orElse(null);
            sink.error(line, first == null ? "is not well-formed JSON" : first.field() + " " + first.message());
        } catch (IOException e) {
            sink.error(line, "could not be read");
        }
    }
}
