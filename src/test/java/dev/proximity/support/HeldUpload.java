package dev.proximity.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request whose body the test sends piece by piece over a bare socket, with a {@code Content-Length} given up
 * front: the server has the request while the test decides when (and whether) the rest of the body comes. For
 * slow and stalled uploads, and for holding one import open while others are tried.
 */
public final class HeldUpload implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

    private final Socket socket;
    private final OutputStream out;

    private HeldUpload(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Sends the request line and headers; {@code headers} are name, value pairs. */
    public static HeldUpload start(int port, String method, String target, long contentLength, String... headers) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
            HeldUpload upload = new HeldUpload(socket);
            upload.out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            upload.out.flush();
            return upload;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends more of the body; a server that already answered and closed is not an error here (see {@link #reply}). */
    public HeldUpload send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the server may refuse the body before it has all of it: its answer still counts
        }
        return this;
    }

    public HeldUpload send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits for the answer, read as far as its own framing says ({@code Content-Length} or chunks): after refusing a
     * body it has not read to the end, Tomcat may keep the connection open until its read timeout.
     */
    public RawHttp.Reply reply() {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (!endsWith(all, "\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return RawHttp.read(new ByteArrayInputStream(all.toByteArray()));
                }
                all.write(b);
            }
            String head = all.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            Matcher length = CONTENT_LENGTH.matcher(head);
            if (length.find()) {
                all.write(in.readNBytes(Integer.parseInt(length.group(1))));
            } else if (head.contains("transfer-encoding: chunked")) {
                while (!endsWith(all, "\r\n0\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    all.write(b);
                }
            } else {
                all.write(in.readAllBytes());
            }
            return RawHttp.read(new ByteArrayInputStream(all.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean endsWith(ByteArrayOutputStream bytes, String end) {
        byte[] all = bytes.toByteArray();
        if (all.length < end.length()) {
            return false;
        }
        for (int i = 0; i < end.length(); i++) {
            if (all[all.length - end.length() + i] != end.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
