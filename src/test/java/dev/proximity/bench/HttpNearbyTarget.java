package dev.proximity.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import dev.proximity.geo.LatLngBox;
import dev.proximity.geo.WebMercatorGrid;

/**
 * A search call over a plain blocking HTTP/1.1 keep-alive socket, the body fully read: as lean as the Redis
 * client, so both sides of the ratio pay the same client cost. A connection the server closes (its keep-alive
 * limit) is reopened transparently, as wrk does. Which call each query of the mix becomes is its {@link Shape}:
 * <ul>
 *   <li>{@code nearby}: {@code /v1/search/nearby?latitude&longitude&radius&limit} (the query's radius, or
 *       {@code --radius});</li>
 *   <li>{@code keyword}: the same plus {@code q}, one word of {@link LoadBenchData#ADJ} and
 *       {@link LoadBenchData#NOUN} lower-cased, drawn from the query's position in the mix (so each matches about
 *       1/20 of the names, and every run sends the same words);</li>
 *   <li>{@code nearest}: {@code /v1/search/nearest?latitude&longitude&limit=10} (default {@code maxDistance});</li>
 *   <li>{@code area}: {@code /v1/search/area} over a box centred on the query point, half-height
 *       {@code radius / 111,195 m} in degrees and half-width that divided by cos(latitude), latitudes clamped to
 *       ±90, longitudes wrapped ({@code west > east} across the antimeridian; the whole circle of longitudes when
 *       the half-width reaches 180°), shrunk (about 3 % a step) until its diagonal is at most 100 km as the
 *       server measures it ({@link LatLngBox#diagonalMeters()});</li>
 *   <li>{@code clusters}: {@code /v1/search/clusters} over the same box at {@code zoom} (14, a city viewport),
 *       shrunk further where it would span more than 65,536 grid cells (near the poles);</li>
 *   <li>{@code world-clusters}: {@code /v1/search/clusters?south=-90&west=-180&north=90&east=180&zoom=3}.</li>
 * </ul>
 * The index parameter (null: none, the server's default) goes on every call that takes one (not clusters).
 * {@link #summary()} tells how many boxes were shrunk and the mean answer size; {@link #firstError()} the first
 * non-2xx answer (request line, status and the start of its body).
 */
final class HttpNearbyTarget implements LoadTarget {

    /** What each query of the mix is sent as. */
    enum Shape {
        NEARBY, KEYWORD, NEAREST, AREA, CLUSTERS, WORLD_CLUSTERS;

        static Shape of(String name) {
            for (Shape shape : values()) {
                if (shape.optionName().equals(name)) {
                    return shape;
                }
            }
            throw new IllegalArgumentException("--shape must be nearby, keyword, nearest, area, clusters or "
                    + "world-clusters, not " + name);
        }

        String optionName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        int defaultZoom() {
            return this == WORLD_CLUSTERS ? 3 : 14;
        }
    }

    /** Metres per degree of latitude (the mean Earth radius, 6,371,008.8 m, times pi / 180). */
    static final double METERS_PER_DEGREE = 111_195.0;
    /** The server's limits (SearchQueryParser): the area's diagonal, a clusters request's grid cells. */
    static final double MAX_AREA_DIAGONAL_METERS = 100_000;
    static final long MAX_CLUSTER_CELLS = 65_536;
    private static final double SHRINK = 0.97;
    private static final int NEAREST_LIMIT = 10;

    private final String host;
    private final int port;
    private final String index;
    private final int limit;
    private final Shape shape;
    private final String radius;
    private final int zoom;
    private byte[][] requests;
    private int boxesShrunk;
    private final LongAdder answers = new LongAdder();
    private final LongAdder bodyBytes = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    /** {@code index} null sends no index parameter (the server's default index). */
    HttpNearbyTarget(String host, int port, String index, int limit) {
        this(host, port, index, limit, Shape.NEARBY, null, null);
    }

    /**
     * @param radius a radius in metres for every nearby or keyword query instead of the query's own (null: the
     *     query's)
     * @param zoom the zoom of the clusters shapes (null: 14 for clusters, 3 for world-clusters)
     */
    HttpNearbyTarget(String host, int port, String index, int limit, Shape shape, String radius, Integer zoom) {
        this.host = host;
        this.port = port;
        this.index = index;
        this.limit = limit;
        this.shape = shape;
        this.radius = radius;
        this.zoom = zoom == null ? shape.defaultZoom() : zoom;
    }

    @Override
    public void prepare(LoadQueries queries) {
        requests = new byte[queries.size()][];
        boxesShrunk = 0;
        String indexParameter = index == null ? "" : "&index=" + index;
        for (int i = 0; i < queries.size(); i++) {
            String lat = queries.lat().get(i);
            String lng = queries.lng().get(i);
            String queryRadius = radius != null ? radius : queries.radiusMeters().get(i);
            String path = switch (shape) {
                case NEARBY -> "/v1/search/nearby?latitude=" + lat + "&longitude=" + lng + "&radius=" + queryRadius
                        + "&limit=" + limit + indexParameter;
                case KEYWORD -> "/v1/search/nearby?latitude=" + lat + "&longitude=" + lng + "&radius=" + queryRadius
                        + "&limit=" + limit + indexParameter + "&q=" + keyword(i);
                case NEAREST -> "/v1/search/nearest?latitude=" + lat + "&longitude=" + lng + "&limit=" + NEAREST_LIMIT
                        + indexParameter;
                case AREA -> "/v1/search/area?" + box(lat, lng, queryRadius, -1) + "&limit=" + limit
                        + indexParameter;
                case CLUSTERS -> "/v1/search/clusters?" + box(lat, lng, queryRadius, zoom) + "&zoom=" + zoom;
                case WORLD_CLUSTERS -> "/v1/search/clusters?south=-90&west=-180&north=90&east=180&zoom=" + zoom;
            };
            requests[i] = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The keyword of query {@code i}: one of the 40 name words, lower-cased, the same for {@code i} every run. */
    static String keyword(int i) {
        long z = (i + 1) * 0x9E3779B97F4A7C15L; // SplitMix64's finaliser: neighbouring queries get unrelated words
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        int word = (int) Math.floorMod(z, (long) (LoadBenchData.ADJ.length + LoadBenchData.NOUN.length));
        String text = word < LoadBenchData.ADJ.length ? LoadBenchData.ADJ[word]
                : LoadBenchData.NOUN[word - LoadBenchData.ADJ.length];
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code south=..&west=..&north=..&east=..} of the query's box (see the class comment); with {@code zoom >= 0}
     * also within the clusters call's grid-cell limit at that zoom.
     */
    String box(String latText, String lngText, String radiusText, int zoom) {
        double lat = Double.parseDouble(latText);
        double lng = Double.parseDouble(lngText);
        double halfHeight = Double.parseDouble(radiusText) / METERS_PER_DEGREE;
        double cos = Math.cos(Math.toRadians(lat));
        double scale = 1.0;
        for (int step = 0; step < 1000; step++, scale *= SHRINK) {
            double h = halfHeight * scale;
            double w = cos <= 1e-12 ? 180.0 : Math.min(180.0, h / cos);
            String south = sixDecimals(Math.max(-90.0, lat - h));
            String north = sixDecimals(Math.min(90.0, lat + h));
            String west;
            String east;
            if (w >= 180.0) {
                west = "-180.000000";
                east = "180.000000";
            } else {
                double westLng = lng - w;
                double eastLng = lng + w;
                west = sixDecimals(westLng < -180.0 ? westLng + 360.0 : westLng);
                east = sixDecimals(eastLng > 180.0 ? eastLng - 360.0 : eastLng);
            }
            // judged on the numbers as sent, by the server's own rules
            LatLngBox box = new LatLngBox(Double.parseDouble(south), Double.parseDouble(west),
                    Double.parseDouble(north), Double.parseDouble(east));
            if (box.diagonalMeters() <= MAX_AREA_DIAGONAL_METERS
                    && (zoom < 0 || WebMercatorGrid.cellsIn(box, zoom) <= MAX_CLUSTER_CELLS)) {
                if (step > 0) {
                    boxesShrunk++;
                }
                return "south=" + south + "&west=" + west + "&north=" + north + "&east=" + east;
            }
        }
        throw new IllegalStateException("no box within the limits around " + latText + "," + lngText);
    }

    private static String sixDecimals(double value) {
        String text = String.format(Locale.ROOT, "%.6f", value);
        return text.equals("-0.000000") ? "0.000000" : text;
    }

    @Override
    public String summary() {
        long n = answers.sum();
        return String.format(Locale.ROOT, "shape=%s zoom=%s boxes_shrunk=%d answers=%d mean_body_bytes=%.0f",
                shape.optionName(), shape == Shape.CLUSTERS || shape == Shape.WORLD_CLUSTERS ? zoom : "-",
                boxesShrunk, n, n == 0 ? 0.0 : (double) bodyBytes.sum() / n);
    }

    @Override
    public String firstError() {
        return firstError.get();
    }

    /** The request line of query {@code i} (for a report). */
    String requestLine(int i) {
        String request = new String(requests[i], StandardCharsets.US_ASCII);
        return request.substring(0, request.indexOf('\r'));
    }

    @Override
    public Connection open() throws IOException {
        return new HttpConnection();
    }

    private final class HttpConnection implements Connection {

        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] line = new byte[8192];
        private final byte[] skip = new byte[16384];
        /** While reading an error answer: its first bytes stay at the start of {@link #skip}. */
        private boolean keepBody;
        private int kept;

        HttpConnection() throws IOException {
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 65536);
            out = socket.getOutputStream();
        }

        @Override
        public boolean query(int queryIndex) throws IOException {
            if (socket == null) {
                connect();
            }
            out.write(requests[queryIndex]);
            out.flush();
            int length = readLine();
            if (length < 12) {
                throw new IOException("bad status line");
            }
            int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
            long contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            while ((length = readLine()) > 0) {
                String header = new String(line, 0, length, StandardCharsets.US_ASCII).toLowerCase();
                if (header.startsWith("content-length:")) {
                    contentLength = Long.parseLong(header.substring(15).trim());
                } else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
                    chunked = true;
                } else if (header.startsWith("connection:") && header.contains("close")) {
                    close = true;
                }
            }
            boolean ok = status >= 200 && status < 300;
            keepBody = !ok && firstError.get() == null;
            kept = 0;
            long bytes = 0;
            if (chunked) {
                long chunk;
                while ((chunk = Long.parseLong(new String(line, 0, readLine(), StandardCharsets.US_ASCII)
                        .split(";")[0].trim(), 16)) > 0) {
                    skipFully(chunk);
                    bytes += chunk;
                    readLine();
                }
                while (readLine() > 0) { // trailers up to the empty line
                }
            } else if (contentLength > 0) {
                skipFully(contentLength);
                bytes = contentLength;
            }
            answers.increment();
            bodyBytes.add(bytes);
            if (keepBody) {
                firstError.compareAndSet(null, requestLine(queryIndex) + " -> " + status + " "
                        + new String(skip, 0, kept, StandardCharsets.UTF_8).replaceAll("\\s+", " "));
            }
            if (close) {
                close();
            }
            return ok;
        }

        /** Reads one CRLF-terminated line into {@link #line}; returns its length without the CRLF. */
        private int readLine() throws IOException {
            int length = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed by the server");
                }
                if (b == '\n') {
                    return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                }
                if (length == line.length) {
                    throw new IOException("header line too long");
                }
                line[length++] = (byte) b;
            }
        }

        private void skipFully(long bytes) throws IOException {
            while (bytes > 0) {
                int from = keepBody ? Math.min(kept, 512) : 0;
                int read = in.read(skip, from, (int) Math.min(skip.length - from, bytes));
                if (read < 0) {
                    throw new EOFException("body cut short");
                }
                if (keepBody) {
                    kept = Math.min(512, from + read);
                }
                bytes -= read;
            }
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }
}
