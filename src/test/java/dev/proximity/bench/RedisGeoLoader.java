package dev.proximity.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.GeoCoordinate;

/**
 * Loads the benchmark businesses ({@code id,name,category,lat,lon}) into one Redis GEO key with pipelined
 * {@code GEOADD}s of 1,000 members. Points Redis cannot hold (latitude beyond +-85.05112878) are skipped and counted.
 * Usage: {@code RedisGeoLoader <businesses.csv> <port> [key=businesses]}; prints {@code LOADED added=N skipped=M}.
 */
public final class RedisGeoLoader {

    private static final int BATCH = 1_000;

    private RedisGeoLoader() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String key = args.length > 2 ? args[2] : "businesses";
        long read = 0;
        long skipped = 0;
        try (Jedis jedis = new Jedis("127.0.0.1", port, 60_000);
                BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            jedis.del(key);
            Pipeline pipeline = jedis.pipelined();
            Map<String, GeoCoordinate> batch = new HashMap<>();
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",");
                int n = fields.length;
                double lat = Double.parseDouble(fields[n - 2]);
                double lng = Double.parseDouble(fields[n - 1]);
                read++;
                if (Math.abs(lat) > LoadQueries.REDIS_LAT_LIMIT) {
                    skipped++;
                    continue;
                }
                batch.put(fields[0], new GeoCoordinate(lng, lat));
                if (batch.size() == BATCH) {
                    pipeline.geoadd(key, batch);
                    batch = new HashMap<>();
                }
            }
            if (!batch.isEmpty()) {
                pipeline.geoadd(key, batch);
            }
            pipeline.sync();
            System.out.println("LOADED added=" + jedis.zcard(key) + " skipped=" + skipped + " read=" + read);
        }
    }
}
