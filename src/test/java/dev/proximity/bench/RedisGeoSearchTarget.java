package dev.proximity.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** {@code GEOSEARCH key FROMLONLAT lng lat BYRADIUS r m ASC COUNT 50 WITHDIST}, the reply fully read. */
final class RedisGeoSearchTarget implements LoadTarget {

    private final String host;
    private final int port;
    private final String key;
    private final int count;
    private byte[][][] commands;

    RedisGeoSearchTarget(String host, int port, String key, int count) {
        this.host = host;
        this.port = port;
        this.key = key;
        this.count = count;
    }

    @Override
    public void prepare(LoadQueries queries) {
        commands = new byte[queries.size()][][];
        for (int i = 0; i < queries.size(); i++) {
            commands[i] = bytes(key, "FROMLONLAT", queries.lng().get(i), queries.lat().get(i), "BYRADIUS",
                    queries.radiusMeters().get(i), "m", "ASC", "COUNT", Integer.toString(count), "WITHDIST");
        }
    }

    @Override
    public Connection open() {
        Jedis jedis = new Jedis(host, port, 5_000);
        jedis.ping();
        return new Connection() {
            @Override
            public boolean query(int index) throws IOException {
                try {
                    return jedis.sendCommand(Protocol.Command.GEOSEARCH, commands[index]) != null;
                } catch (JedisDataException e) {
                    return false;
                } catch (JedisConnectionException e) {
                    throw new IOException(e);
                }
            }

            @Override
            public void close() {
                jedis.close();
            }
        };
    }

    private static byte[][] bytes(String... parts) {
        byte[][] result = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            result[i] = parts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return result;
    }
}
