package dev.proximity.business;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.proximity.system.UnicodeText;

/**
 * CSV (RFC 4180: {@code ,} between fields, {@code "} around fields that hold one, {@code ""} for a quote inside
 * them, CR, LF or CRLF between records) with a header row whose names are the JSON field names; only
 * {@code name, category, latitude, longitude} must be present. Lines are counted as records (header = line 1),
 * which equals the physical line unless a quoted field spans lines; blank lines are skipped and not counted.
 * {@code hours} needs NDJSON.
 * <p>
 * The parser is this class's own so that a record is judged while it is read: one longer than the record limit
 * stops the import as soon as the limit is passed, fields beyond the header's count are counted but not kept,
 * and NUL or bytes that are not UTF-8 are reported with their line and column.
 */
final class CsvRowSource implements ImportRowSource {

    static final List<String> COLUMNS = List.of("name", "category", "latitude", "longitude", "address", "city",
            "state", "country", "postalCode", "phone", "website", "timeZone");
    private static final Set<String> REQUIRED = Set.of("name", "category", "latitude", "longitude");
    /** Plain decimals only: no NaN, Infinity, hex or exponent tricks. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{1,20})?");
    /** Header fields kept to name what is wrong with a header (a right one has at most 12). */
    private static final int MAX_HEADER_FIELDS = 64;

    private final Reader input;
    private final int maxRecordChars;
    private final char[] buffer = new char[8 << 10];
    private int position;
    private int limit;
    private boolean endOfInput;
    /** A CR ended the last record: a LF right after it belongs to it. */
    private boolean afterCr;

    private final StringBuilder text = new StringBuilder();
    private String[] fields = new String[MAX_HEADER_FIELDS];
    /** Fields of the current record with a NUL or a surrogate in them, for {@link UnicodeText} to judge. */
    private boolean[] suspect = new boolean[MAX_HEADER_FIELDS];
    private int fieldCount;
    private int recordChars;
    private boolean lastFieldQuoted;

    private long line;
    private String[] headerNames;
    /** Position of each of {@link #COLUMNS} in a record, or -1. */
    private int[] columnAt;
    private boolean done;

    CsvRowSource(Reader input, int maxRecordChars) {
        this.input = input;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public boolean next(RowSink sink) throws IOException {
        if (done) {
            return false;
        }
        try {
            if (headerNames == null) {
                if (!readRecord(MAX_HEADER_FIELDS)) {
                    done = true;
                    sink.error(1, "the header row is missing");
                    return true;
                }
                line = 1;
                if (!header(sink)) {
                    done = true;
                    return true;
                }
            }
            if (!readRecord(headerNames.length)) {
                done = true;
                return false;
            }
        } catch (Malformed e) {
            // After broken quoting nothing that follows can be trusted: report it and stop.
            done = true;
            sink.error(line + 1, "is not well-formed CSV");
            return true;
        } catch (Utf8Reader.NotUtf8Exception e) {
            done = true;
            sink.error(line + 1, "is not valid UTF-8");
            return true;
        }
        line++;
        if (fieldCount != headerNames.length) {
            sink.error(line, "has " + fieldCount + " fields; the header has " + headerNames.length);
            return true;
        }
        for (int i = 0; i < fieldCount; i++) {
            String problem = suspect[i] ? UnicodeText.problem(fields[i]) : null;
            if (problem != null) {
                sink.error(line, headerNames[i] + " " + problem);
                return true;
            }
        }
        parse(sink);
        return true;
    }

    private boolean header(RowSink sink) {
        Map<String, Integer> header = new HashMap<>();
        for (int i = 0; i < fieldCount; i++) {
            String name = i < fields.length ? fields[i].strip() : "";
            if (!COLUMNS.contains(name)) {
                sink.error(1, "unknown column '" + abbreviate(name) + "'; columns are " + COLUMNS);
                return false;
            }
            if (header.put(name, i) != null) {
                sink.error(1, "column '" + name + "' appears twice");
                return false;
            }
        }
        if (!header.keySet().containsAll(REQUIRED)) {
            sink.error(1, "the header must name " + REQUIRED);
            return false;
        }
        headerNames = new String[fieldCount];
        columnAt = new int[COLUMNS.size()];
        Arrays.fill(columnAt, -1);
        header.forEach((name, at) -> {
            headerNames[at] = name;
            columnAt[COLUMNS.indexOf(name)] = at;
        });
        fields = new String[fieldCount];
        suspect = new boolean[fieldCount];
        return true;
    }

    private void parse(RowSink sink) {
        String latitude = value(2);
        String longitude = value(3);
        if (!DECIMAL.matcher(latitude).matches()) {
            sink.error(line, "latitude must be a plain decimal number");
            return;
        }
        if (!DECIMAL.matcher(longitude).matches()) {
            sink.error(line, "longitude must be a plain decimal number");
            return;
        }
        sink.row(line, new BusinessRequest(value(0), value(1), Double.valueOf(latitude), Double.valueOf(longitude),
                value(4), value(5), value(6), value(7), value(8), value(9), value(10), value(11), null));
    }

    /** The field of {@code COLUMNS.get(column)}, or null when the header does not name it. */
    private String value(int column) {
        int at = columnAt[column];
        return at < 0 ? null : fields[at];
    }

    /**
     * Reads the next record that is not blank into {@link #fields} (the first {@code keep} of them; the rest are
     * only counted). False at the end of the input.
     */
    private boolean readRecord(int keep) throws IOException {
        while (true) {
            fieldCount = 0;
            recordChars = 0;
            if (afterCr) {
                afterCr = false;
                if (available() && buffer[position] == '\n') {
                    position++;
                }
            }
            if (!available()) {
                return false;
            }
            boolean ended = false;
            while (!ended) {
                ended = readField(keep);
            }
            if (fieldCount == 1 && !lastFieldQuoted && fields[0] != null && fields[0].isBlank()) {
                continue; // a blank line
            }
            return true;
        }
    }

    /** Reads one field and what ends it; true when that was the end of the record. */
    private boolean readField(int keep) throws IOException {
        int index = fieldCount++;
        boolean odd = false;
        text.setLength(0);
        lastFieldQuoted = available() && buffer[position] == '"';
        int start;
        if (lastFieldQuoted) {
            position++;
            count(1);
            start = position;
            while (true) {
                if (position == limit) {
                    text.append(buffer, start, position - start);
                    count(position - start);
                    if (!available()) {
                        throw new Malformed(); // the quote is never closed
                    }
                    start = position;
                }
                char c = buffer[position];
                if (c == '"') {
                    text.append(buffer, start, position - start);
                    count(position - start + 1);
                    position++;
                    if (available() && buffer[position] == '"') {
                        text.append('"');
                        position++;
                        count(1);
                        start = position;
                        continue;
                    }
                    break;
                }
                odd |= c == 0 || Character.isSurrogate(c);
                position++;
            }
            keep(index, keep, text.toString(), odd);
        } else {
            start = position;
            while (true) {
                if (position == limit) {
                    text.append(buffer, start, position - start);
                    count(position - start);
                    boolean more = available();
                    start = position;
                    if (!more) {
                        break;
                    }
                }
                char c = buffer[position];
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                odd |= c == 0 || Character.isSurrogate(c);
                position++;
            }
            int length = position - start;
            count(length);
            String value;
            if (text.isEmpty()) {
                value = new String(buffer, start, length);
            } else {
                value = text.append(buffer, start, length).toString();
            }
            keep(index, keep, value, odd);
        }
        if (!available()) {
            return true;
        }
        char end = buffer[position++];
        if (end == ',') {
            count(1);
            return false;
        }
        if (end == '\n') {
            return true;
        }
        if (end == '\r') {
            afterCr = true;
            return true;
        }
        throw new Malformed(); // something after a closing quote
    }

    private void keep(int index, int keep, String value, boolean odd) {
        if (index < keep && index < fields.length) {
            fields[index] = value;
            suspect[index] = odd;
        }
    }

    /** Counts characters of the current record, and stops the import once it is longer than the limit. */
    private void count(int chars) {
        recordChars += chars;
        if (recordChars > maxRecordChars) {
            throw ImportLineTooLongException.of(line + 1, maxRecordChars);
        }
    }

    /** Whether a character is at {@link #position}, reading more when the buffer is used up. */
    private boolean available() throws IOException {
        if (position < limit) {
            return true;
        }
        if (endOfInput) {
            return false;
        }
        int n = input.read(buffer, 0, buffer.length);
        position = 0;
        if (n < 0) {
            limit = 0;
            endOfInput = true;
            return false;
        }
        limit = n;
        return n > 0 || available();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** Broken quoting. */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }
}
