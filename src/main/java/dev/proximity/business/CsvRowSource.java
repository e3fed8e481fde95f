package dev.proximity.business;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * CSV with a header row whose names are the JSON field names; only {@code name, category, latitude,
 * longitude} must be present. Lines are counted as records (header = line 1), which equals the physical line
 * unless a quoted field spans lines. {@code hours} needs NDJSON.
 */
final class CsvRowSource implements ImportRowSource {

    static final List<String> COLUMNS = List.of("name", "category", "latitude", "longitude", "address", "city",
            "state", "country", "postalCode", "phone", "website", "timeZone");
    private static final Set<String> REQUIRED = Set.of("name", "category", "latitude", "longitude");
    /** Plain decimals only: no NaN, Infinity, hex or exponent tricks. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{1,20})?");

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    @Override
    public void readAll(Reader input, RowSink sink) throws IOException {
        MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(input);
        long line = 1;
        Map<String, Integer> header;
        try {
            if (!rows.hasNextValue()) {
                sink.error(1, "the header row is missing");
                return;
            }
            header = header(rows.nextValue(), sink);
            if (header == null) {
                return;
            }
            while (rows.hasNextValue()) {
                line++;
                String[] fields = rows.nextValue();
                if (fields.length != header.size()) {
                    sink.error(line, "has " + fields.length + " fields; the header has " + header.size());
                    continue;
                }
                parse(line, fields, header, sink);
            }
        } catch (RuntimeJsonMappingException | IOException malformed) {
            // After broken quoting nothing that follows can be trusted: report it and stop.
            sink.error(line + 1, "is not well-formed CSV");
        }
    }

    private static Map<String, Integer> header(String[] names, RowSink sink) {
        Map<String, Integer> header = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            if (!COLUMNS.contains(name)) {
                sink.error(1, "unknown column '" + abbreviate(name) + "'; columns are " + COLUMNS);
                return null;
            }
            if (header.put(name, i) != null) {
                sink.error(1, "column '" + name + "' appears twice");
                return null;
            }
        }
        if (!header.keySet().containsAll(REQUIRED)) {
            sink.error(1, "the header must name " + REQUIRED);
            return null;
        }
        return header;
    }

    private static void parse(long line, String[] fields, Map<String, Integer> header, RowSink sink) {
        String latitude = value(fields, header, "latitude");
        String longitude = value(fields, header, "longitude");
        if (latitude == null || !DECIMAL.matcher(latitude).matches()) {
            sink.error(line, "latitude must be a plain decimal number");
            return;
        }
        if (longitude == null || !DECIMAL.matcher(longitude).matches()) {
            sink.error(line, "longitude must be a plain decimal number");
            return;
        }
        sink.row(line, new BusinessRequest(value(fields, header, "name"), value(fields, header, "category"),
                Double.valueOf(latitude), Double.valueOf(longitude), value(fields, header, "address"),
                value(fields, header, "city"), value(fields, header, "state"), value(fields, header, "country"),
                value(fields, header, "postalCode"), value(fields, header, "phone"),
                value(fields, header, "website"), value(fields, header, "timeZone"), null));
    }

    private static String value(String[] fields, Map<String, Integer> header, String column) {
        Integer index = header.get(column);
        return index == null ? null : fields[index];
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
