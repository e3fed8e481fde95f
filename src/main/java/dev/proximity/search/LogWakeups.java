package dev.proximity.search;

import java.time.Duration;

import dev.proximity.system.RedisTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The wake-up channel of the change log: after a write commits, its instance publishes the entry's position on
 * {@code px:v1:log}, and every instance that hears it reads the log at once instead of at its next poll. It only
 * ever says "read the log now": a lost message, a dead or half-open subscription cost at most one poll interval
 * of freshness, never a change.
 *
 * <p>One daemon thread holds one Redis connection of its own, reconnecting every {@code retryInterval} while
 * Redis is away. The subscription pings Redis every second and drops a connection that has not answered for
 * three seconds (a half-open socket: the far side lost its state in a failover or a middlebox timed out), so
 * wake-ups resume within seconds of the fault healing.
 *
 * <p>On a Redis Cluster the channel is a plain (not sharded) one: a PUBLISH reaches every node, replicas
 * included, so the subscription may sit on any node and moves to the next seed node when its node dies, with no
 * slot to follow. Sharded pub/sub (Redis 7.0) would send each message to one shard only, but its subscriber must
 * follow that shard's primary through failovers and slot moves; one wake-up per write to each node costs nothing
 * at this write rate. On Sentinel it follows the primary the sentinels name.
 *
 * <p>Why not Spring's {@code RedisMessageListenerContainer}: with Redis stopped before the context closes, its
 * stop waited on a recovery loop that kept reconnecting, so each context took the whole
 * {@code timeout-per-shutdown-phase} to close. This class stops in the first shutdown phase, in bounded time
 * whatever Redis does: {@link #stop()} closes the socket under the blocking read, and the thread is a daemon.
 */
final class LogWakeups implements SmartLifecycle {

    static final String CHANNEL = "px:v1:log";
    private static final long PING_MILLIS = 1_000;
    private static final long SILENCE_MILLIS = 3_000;

    private static final Logger log = LoggerFactory.getLogger(LogWakeups.class);

    private final RedisTopology redis;
    private final Runnable wake;
    private final Duration connectTimeout;
    private final Duration retryInterval;
    private final Object lock = new Object();
    private volatile boolean running;
    private volatile boolean subscribed;
    private volatile long lastHeardNanos;
    private Thread thread;
    private Jedis connection;
    private int attempts;

    /**
     * @param wake called on every wake-up, and whenever the subscription is (re)established (messages sent
     *        while it was down are lost)
     */
    LogWakeups(RedisTopology redis, Runnable wake, Duration connectTimeout, Duration retryInterval) {
        this.redis = redis;
        this.wake = wake;
        this.connectTimeout = connectTimeout;
        this.retryInterval = retryInterval;
    }

    /** Whether wake-ups arrive now. */
    boolean subscribed() {
        return subscribed;
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            thread = new Thread(this::run, "log-wakeups");
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
                JedisPubSub subscription = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        heard();
                        subscribed = true;
                        wake.run();
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        heard();
                        wake.run();
                    }

                    @Override
                    public void onPong(String pattern) {
                        heard();
                    }
                };
                Thread pinger = pinger(jedis, subscription);
                try {
                    jedis.subscribe(subscription, CHANNEL);
                } finally {
                    pinger.interrupt();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!warned) {
                    log.warn("Lost the subscription to {} ({}); changes still arrive by polling the log, and it is "
                            + "retried every {} ms", CHANNEL, e.getClass().getSimpleName(), retryInterval.toMillis());
                    warned = true;
                }
            } finally {
                subscribed = false;
                synchronized (lock) {
                    connection = null;
                }
            }
            if (!running) {
                break;
            }
            try {
                Thread.sleep(retryInterval.toMillis());
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** Pings the subscription every second; drops the connection when nothing has come back for a while. */
    private Thread pinger(Jedis jedis, JedisPubSub subscription) {
        heard();
        Thread pinger = new Thread(() -> {
            while (running && !Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(PING_MILLIS);
                    if (System.nanoTime() - lastHeardNanos > SILENCE_MILLIS * 1_000_000) {
                        log.warn("The subscription to {} went silent; reconnecting", CHANNEL);
                        jedis.disconnect();
                        return;
                    }
                    if (subscription.isSubscribed()) {
                        subscription.ping();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    jedis.disconnect();
                    return;
                }
            }
        }, "log-wakeups-ping");
        pinger.setDaemon(true);
        pinger.start();
        return pinger;
    }

    private Jedis connect() {
        HostAndPort node = redis.subscriptionNode(attempts++, connectTimeout);
        Jedis jedis = new Jedis(node, redis.clientConfig("proximity-log-wakeups", connectTimeout, connectTimeout));
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
