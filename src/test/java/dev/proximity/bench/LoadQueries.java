package dev.proximity.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The query mix of the load benchmark, read from a {@code qid,lat,lon,radius_m,kind} file (either generator).
 * The coordinate texts are kept as written, so every load generator sends exactly the same numbers.
 */
record LoadQueries(List<String> lat, List<String> lng, List<String> radiusMeters) {

    /** Redis GEO refuses latitudes beyond this (Web Mercator); such queries cannot be sent to GEOSEARCH. */
    static final double REDIS_LAT_LIMIT = 85.05112878;

    static LoadQueries read(Path file, boolean redisRangeOnly) throws IOException {
        List<String> lat = new ArrayList<>();
        List<String> lng = new ArrayList<>();
        List<String> radius = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                if (redisRangeOnly && Math.abs(Double.parseDouble(fields[1])) > REDIS_LAT_LIMIT) {
                    continue;
                }
                lat.add(fields[1]);
                lng.add(fields[2]);
                radius.add(fields[3]);
            }
        }
        return new LoadQueries(List.copyOf(lat), List.copyOf(lng), List.copyOf(radius));
    }

    int size() {
        return lat.size();
    }
}
