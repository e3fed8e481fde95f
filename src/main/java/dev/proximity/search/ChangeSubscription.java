package dev.proximity.search;

import java.time.Duration;

import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.SmartLifecycle;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The subscription to the business-change channel: one daemon thread holding one Redis connection of its own,
 * reconnecting every {@code retryInterval} while Redis is away, and telling {@link Listener} each time the
 * subscription is (re)established, because messages published meanwhile are lost (pub/sub is at most once).
 *
 * <p>Why not Spring's {@code RedisMessageListenerContainer}: with Redis stopped before the context closes (tests
 * that stop their Redis first, a Redis outage at shutdown), its stop waited on a recovery loop that kept
 * reconnecting, so each context took the whole {@code timeout-per-shutdown-phase} to close and a test JVM with
 * many cached contexts overran its exit timeout. This class stops in the first shutdown phase, in bounded time
 * whatever Redis does: {@link #stop()} closes the socket under the blocking read, and the thread is a daemon.
 */
final class ChangeSubscription implements SmartLifecycle {

    /** What the subscription reports; called on the subscription thread, one call at a time. */
    interface Listener {
        /** The channel is subscribed (again): messages from now on arrive; earlier ones may have been missed. */
        void onSubscribed();

        void onMessage(String message);

        /** The connection is lost; messages are missed until {@link #onSubscribed()}. */
        void onDisconnected();
    }

    private static final Logger log = LoggerFactory.getLogger(ChangeSubscription.class);

    private final RedisConnectionDetails redis;
    private final String channel;
    private final Listener listener;
    private final Duration connectTimeout;
    private final Duration retryInterval;
    private final Object lock = new Object();
    private volatile boolean running;
    private Thread thread;
    private Jedis connection;

    ChangeSubscription(RedisConnectionDetails redis, String channel, Listener listener, Duration connectTimeout,
            Duration retryInterval) {
        this.redis = redis;
        this.channel = channel;
        this.listener = listener;
        this.connectTimeout = connectTimeout;
        this.retryInterval = retryInterval;
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            thread = new Thread(this::run, "business-changes");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void stop() {
        Thread subscriber;
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            subscriber = thread;
            if (connection != null) {
                connection.disconnect(); // unblocks the subscriber's read at once, whether Redis is up or not
            }
        }
        subscriber.interrupt();
        try {
            subscriber.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before everything else (the web server's graceful drain included), so nothing waits on Redis. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void run() {
        boolean warned = false;
        while (running) {
            try (Jedis jedis = connect()) {
                jedis.subscribe(new JedisPubSub() {
                    @Override
                    public void onSubscribe(String subscribed, int count) {
                        listener.onSubscribed();
                    }

                    @Override
                    public void onMessage(String from, String message) {
                        listener.onMessage(message);
                    }
                }, channel);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!warned) {
                    log.warn("Lost the subscription to {} ({}); retrying every {} ms", channel,
                            e.getClass().getSimpleName(), retryInterval.toMillis());
                    warned = true;
                }
            } finally {
                synchronized (lock) {
                    connection = null;
                }
            }
            if (!running) {
                break;
            }
            listener.onDisconnected();
            try {
                Thread.sleep(retryInterval.toMillis());
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private Jedis connect() {
        RedisConnectionDetails.Standalone standalone = redis.getStandalone();
        int timeout = (int) connectTimeout.toMillis();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout)
                .database(standalone.getDatabase()).user(redis.getUsername()).password(redis.getPassword())
                .clientName("proximity-business-changes");
        SslBundle ssl = standalone.getSslBundle();
        if (ssl != null) {
            SSLSocketFactory factory = ssl.createSslContext().getSocketFactory();
            config.ssl(true).sslSocketFactory(factory);
        }
        Jedis jedis = new Jedis(new HostAndPort(standalone.getHost(), standalone.getPort()), config.build());
        synchronized (lock) {
            if (!running) {
                jedis.close();
                throw new IllegalStateException("stopped");
            }
            connection = jedis;
        }
        jedis.ping(); // connect now, inside the timeouts; subscribe then blocks without a read timeout
        return jedis;
    }
}
