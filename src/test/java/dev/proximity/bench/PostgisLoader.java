package dev.proximity.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads the benchmark businesses ({@code id,name,category,lat,lon}) into a PostGIS table for the
 * {@code ST_DWithin} side of {@code bench/load-bench.sh}: a {@code geography(Point, 4326)} column with a GiST
 * index, the usual PostGIS set-up for "within r metres, nearest first". Rows go in with one COPY; the index is
 * built after the load and the table analysed, as anyone tuning PostGIS would.
 * Usage: {@code PostgisLoader <businesses.csv> <jdbc-url>}; prints {@code LOADED rows=N seconds=S postgis=V}.
 */
public final class PostgisLoader {

    private static final int COPY_CHUNK_ROWS = 10_000;

    private PostgisLoader() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        Path file = Path.of(args[0]);
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(args[1]);
                Statement sql = db.createStatement();
                BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            sql.execute("DROP TABLE IF EXISTS businesses");
            sql.execute("CREATE TABLE businesses (id bigint PRIMARY KEY, name text NOT NULL, category text NOT NULL,"
                    + " location geography(Point, 4326) NOT NULL)");
            CopyIn copy = db.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY businesses (id, name, category, location) FROM STDIN");
            StringBuilder chunk = new StringBuilder();
            long rows = 0;
            reader.readLine(); // header
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                int n = fields.length;
                // names never hold a comma, tab or backslash in the generated set; the last two fields are lat, lon
                chunk.append(fields[0]).append('\t').append(fields[1]).append('\t').append(fields[2])
                        .append("\tSRID=4326;POINT(").append(fields[n - 1]).append(' ').append(fields[n - 2])
                        .append(")\n");
                if (++rows % COPY_CHUNK_ROWS == 0) {
                    write(copy, chunk);
                }
            }
            write(copy, chunk);
            copy.endCopy();
            sql.execute("CREATE INDEX businesses_location ON businesses USING gist (location)");
            sql.execute("ANALYZE businesses");
            String postgis;
            try (ResultSet version = sql.executeQuery("SELECT postgis_lib_version()")) {
                version.next();
                postgis = version.getString(1);
            }
            System.out.printf("LOADED rows=%d seconds=%.1f postgis=%s%n", rows, (System.nanoTime() - started) / 1e9,
                    postgis);
        }
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }
}
