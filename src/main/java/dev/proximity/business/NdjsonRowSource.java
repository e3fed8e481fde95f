package dev.proximity.business;

import java.io.IOException;
import java.io.Reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.proximity.system.FieldProblem;
import dev.proximity.system.JsonErrors;

/**
 * One business per line, in the same JSON as {@code POST /v1/businesses} and with the same strictness. Blank
 * lines are skipped but counted, so line numbers are physical lines.
 */
final class NdjsonRowSource implements ImportRowSource {

    /** A line longer than this is refused without being held in memory. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    private final ObjectReader reader;

    NdjsonRowSource(ObjectMapper json) {
        this.reader = json.readerFor(BusinessRequest.class);
    }

    @Override
    public void readAll(Reader input, RowSink sink) throws IOException {
        char[] buffer = new char[64 * 1024];
        StringBuilder text = new StringBuilder();
        long line = 0;
        boolean tooLong = false;
        int n;
        while ((n = input.read(buffer)) != -1) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    tooLong = append(text, buffer, start, i, tooLong);
                    line++;
                    finishLine(line, text, tooLong, sink);
                    text.setLength(0);
                    tooLong = false;
                    start = i + 1;
                }
            }
            tooLong = append(text, buffer, start, n, tooLong);
        }
        if (!text.isEmpty() || tooLong) {
            finishLine(line + 1, text, tooLong, sink);
        }
    }

    private static boolean append(StringBuilder text, char[] buffer, int from, int to, boolean tooLong) {
        if (tooLong || text.length() + (to - from) > MAX_LINE_CHARS) {
            text.setLength(0);
            return true;
        }
        text.append(buffer, from, to - from);
        return false;
    }

    private void finishLine(long line, StringBuilder text, boolean tooLong, RowSink sink) {
        if (tooLong) {
            sink.error(line, "is longer than " + MAX_LINE_CHARS + " characters");
        } else if (!text.toString().isBlank()) {
            parse(line, text.toString(), sink);
        }
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
