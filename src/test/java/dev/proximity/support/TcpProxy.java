package dev.proximity.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a server, for faults a real network has: {@link #stall()} stops forwarding
 * on every connection, new ones included, while keeping every socket open (a blackhole: the client sees
 * silence, not an error) until {@link #resume()}; {@link #freezeOpenConnections()} makes the connections open
 * now silent for good, still open, while new connections work (the far side lost its state: a failover, a
 * middlebox that timed out). One thread per direction per connection; for tests only.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;
    private volatile boolean closed;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Stops forwarding on every connection, present and future, keeping them open. */
    public void stall() {
        stalled = true;
    }

    /** Forwards again (bytes held back meanwhile follow). */
    public void resume() {
        stalled = false;
    }

    /** The connections open now never forward another byte, and stay open; new connections work. */
    public void freezeOpenConnections() {
        for (Link link : links) {
            link.frozen = true;
        }
    }

    /** Closes every connection open now (the clients see a reset). */
    public void cutOpenConnections() {
        for (Link link : links) {
            link.close();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, target);
                links.add(link);
                link.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cutOpenConnections();
    }

    private final class Link {
        final Socket client;
        final Socket target;
        volatile boolean frozen;

        Link(Socket client, Socket target) {
            this.client = client;
            this.target = target;
        }

        void start() {
            pump(client, target);
            pump(target, client);
        }

        private void pump(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    while (true) {
                        while ((stalled || frozen) && !closed) {
                            Thread.sleep(5); // hold the bytes back: the sender sees silence, not an error
                        }
                        int n = in.read(buffer);
                        if (n < 0) {
                            break;
                        }
                        while ((stalled || frozen) && !closed) {
                            Thread.sleep(5);
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // one side closed: close the other
                } finally {
                    if (!frozen) {
                        close();
                    }
                }
            }, "tcp-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        void close() {
            links.remove(this);
            try {
                client.close();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                target.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
