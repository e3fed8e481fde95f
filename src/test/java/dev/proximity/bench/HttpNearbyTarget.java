package dev.proximity.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /v1/search/nearby} over a plain blocking HTTP/1.1 keep-alive socket, the body fully read: as lean as
 * the Redis client, so both sides of the ratio pay the same client cost. A connection the server closes (its
 * keep-alive limit) is reopened transparently, as wrk does.
 */
final class HttpNearbyTarget implements LoadTarget {

    private final String host;
    private final int port;
    private final String index;
    private final int limit;
    private byte[][] requests;

    /** {@code index} null sends no index parameter (the server's default index). */
    HttpNearbyTarget(String host, int port, String index, int limit) {
        this.host = host;
        this.port = port;
        this.index = index;
        this.limit = limit;
    }

    @Override
    public void prepare(LoadQueries queries) {
        requests = new byte[queries.size()][];
        for (int i = 0; i < queries.size(); i++) {
            String path = "/v1/search/nearby?latitude=" + queries.lat().get(i) + "&longitude=" + queries.lng().get(i)
                    + "&radius=" + queries.radiusMeters().get(i) + "&limit=" + limit
                    + (index == null ? "" : "&index=" + index);
            requests[i] = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
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
            if (chunked) {
                long chunk;
                while ((chunk = Long.parseLong(new String(line, 0, readLine(), StandardCharsets.US_ASCII)
                        .split(";")[0].trim(), 16)) > 0) {
                    skipFully(chunk);
                    readLine();
                }
                while (readLine() > 0) { // trailers up to the empty line
                }
            } else if (contentLength > 0) {
                skipFully(contentLength);
            }
            if (close) {
                close();
            }
            return status >= 200 && status < 300;
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
                int read = in.read(skip, 0, (int) Math.min(skip.length, bytes));
                if (read < 0) {
                    throw new EOFException("body cut short");
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
