package dev.proximity.system;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLSocketFactory;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where one Redis role lives: a single server, a Redis Cluster (seed nodes), or a primary found through Sentinel,
 * with its credentials. Spring Data Redis builds its own connections from the same settings; this turns them into
 * the plain Jedis clients of the code Spring Data does not cover (Bucket4j's buckets, the wake-up subscription,
 * the search view's own connection factory), so that every Redis user follows a failover the same way.
 *
 * @param nodes            the server (standalone), the seed nodes (cluster) or the sentinels (sentinel)
 * @param master           the Sentinel master name; null unless sentinel
 * @param cluster          whether {@code nodes} are Redis Cluster nodes
 * @param database         the database number (0 on a cluster, which has only that one)
 * @param username         ACL user of the data nodes, or null
 * @param password         their password, or null
 * @param sentinelUsername ACL user of the sentinels, or null
 * @param sentinelPassword their password, or null
 * @param ssl              TLS to the data nodes
 * @param sslBundle        the TLS settings, or null for the JVM's defaults
 */
public record RedisTopology(List<HostAndPort> nodes, String master, boolean cluster, int database, String username,
        String password, String sentinelUsername, String sentinelPassword, boolean ssl, SslBundle sslBundle) {

    /**
     * Nodes a cluster call tries (the first, then after a refused connection or a MOVED the slot's new owner), all
     * within this many socket timeouts: enough to follow a failover, short enough that a dead primary costs a call
     * little before the circuit breaker opens.
     */
    public static final int CLUSTER_ATTEMPTS = 3;

    public RedisTopology {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("A Redis topology needs at least one node");
        }
        if (master != null && cluster) {
            throw new IllegalArgumentException("Redis is either a cluster or found through Sentinel, not both");
        }
    }

    /** The state Redis, as Spring Boot resolves {@code spring.data.redis.*}: Sentinel first, then Cluster. */
    public static RedisTopology of(RedisConnectionDetails details, boolean ssl) {
        RedisConnectionDetails.Sentinel sentinel = details.getSentinel();
        if (sentinel != null) {
            return new RedisTopology(hostsOf(sentinel.getNodes()), sentinel.getMaster(), false,
                    sentinel.getDatabase(), details.getUsername(), details.getPassword(), sentinel.getUsername(),
                    sentinel.getPassword(), ssl || sentinel.getSslBundle() != null, sentinel.getSslBundle());
        }
        RedisConnectionDetails.Cluster cluster = details.getCluster();
        if (cluster != null) {
            return new RedisTopology(hostsOf(cluster.getNodes()), null, true, 0, details.getUsername(),
                    details.getPassword(), null, null, ssl || cluster.getSslBundle() != null,
                    cluster.getSslBundle());
        }
        RedisConnectionDetails.Standalone standalone = details.getStandalone();
        return new RedisTopology(List.of(new HostAndPort(standalone.getHost(), standalone.getPort())), null, false,
                standalone.getDatabase(), details.getUsername(), details.getPassword(), null, null,
                ssl || standalone.getSslBundle() != null, standalone.getSslBundle());
    }

    /** {@code host:port} entries, as in {@code spring.data.redis.cluster.nodes}. */
    public static List<HostAndPort> parseNodes(List<String> nodes) {
        return nodes.stream().map(HostAndPort::from).toList();
    }

    public boolean sentinel() {
        return master != null;
    }

    /** Spring Data Redis's description of the same servers, for a {@code JedisConnectionFactory}. */
    public RedisConfiguration springConfiguration() {
        RedisPassword secret = RedisPassword.of(password);
        if (sentinel()) {
            RedisSentinelConfiguration config = new RedisSentinelConfiguration();
            config.master(master);
            nodes.forEach(node -> config.addSentinel(new RedisNode(node.getHost(), node.getPort())));
            config.setDatabase(database);
            config.setUsername(username);
            config.setPassword(secret);
            config.setSentinelUsername(sentinelUsername);
            config.setSentinelPassword(RedisPassword.of(sentinelPassword));
            return config;
        }
        if (cluster) {
            RedisClusterConfiguration config = new RedisClusterConfiguration();
            nodes.forEach(node -> config.addClusterNode(new RedisNode(node.getHost(), node.getPort())));
            config.setMaxRedirects(CLUSTER_ATTEMPTS);
            config.setUsername(username);
            config.setPassword(secret);
            return config;
        }
        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(nodes.get(0).getHost(),
                nodes.get(0).getPort());
        config.setDatabase(database);
        config.setUsername(username);
        config.setPassword(secret);
        return config;
    }

    /** How a Jedis client reaches the data nodes: credentials, database, TLS, timeouts and a client name. */
    public JedisClientConfig clientConfig(String clientName, Duration connectTimeout, Duration socketTimeout) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) connectTimeout.toMillis())
                .socketTimeoutMillis((int) socketTimeout.toMillis())
                .user(blankToNull(username)).password(blankToNull(password))
                .clientName(clientName);
        if (!cluster) {
            config.database(database);
        }
        if (ssl) {
            config.ssl(true);
            if (sslBundle != null) {
                SSLSocketFactory factory = sslBundle.createSslContext().getSocketFactory();
                config.sslSocketFactory(factory);
            }
        }
        return config.build();
    }

    /** How a Jedis client asks the sentinels (their own credentials; plain TCP, as Sentinel usually listens). */
    public JedisClientConfig sentinelConfig(Duration timeout) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) timeout.toMillis()).socketTimeoutMillis((int) timeout.toMillis())
                .user(blankToNull(sentinelUsername)).password(blankToNull(sentinelPassword))
                .clientName("proximity-sentinel").build();
    }

    /**
     * A pooled client for this topology: a {@link JedisPooled} on one server, a {@link JedisCluster} that follows
     * slot moves and failovers (each call tries up to {@code clusterAttempts} nodes, renewing its map of the slots
     * after a failed one), or a {@link JedisSentineled} that follows the primary Sentinel names.
     */
    public UnifiedJedis unifiedJedis(JedisClientConfig client, GenericObjectPoolConfig<Connection> pool,
            Duration sentinelTimeout, int clusterAttempts) {
        if (sentinel()) {
            return new JedisSentineled(master, client, pool, Set.copyOf(nodes), sentinelConfig(sentinelTimeout));
        }
        if (cluster) {
            return new JedisCluster(new LinkedHashSet<>(nodes), client, clusterAttempts, pool);
        }
        return new JedisPooled(pool, nodes.get(0), client);
    }

    /** Drops every idle pooled connection of a client from {@link #unifiedJedis}: after a restart all are dead. */
    public static void clearIdle(UnifiedJedis jedis) {
        if (jedis instanceof JedisPooled pooled) {
            pooled.getPool().clear();
        } else if (jedis instanceof JedisCluster cluster) {
            cluster.getClusterNodes().values().forEach(ConnectionPool::clear);
        }
        // JedisSentineled replaces its pool itself when Sentinel announces a new primary
    }

    /**
     * The server to try for the {@code attempt}-th connection that must hold a subscription: the one server; on a
     * cluster each seed node in turn (a plain PUBLISH reaches every node of a cluster, replicas included); on
     * Sentinel the primary the sentinels name now, asking each sentinel in turn.
     */
    public HostAndPort subscriptionNode(int attempt, Duration timeout) {
        if (!sentinel()) {
            return nodes.get(Math.floorMod(attempt, nodes.size()));
        }
        RuntimeException last = null;
        for (int i = 0; i < nodes.size(); i++) {
            HostAndPort sentinel = nodes.get(Math.floorMod(attempt + i, nodes.size()));
            try (Jedis jedis = new Jedis(sentinel, sentinelConfig(timeout))) {
                List<String> address = jedis.sentinelGetMasterAddrByName(master);
                if (address != null && address.size() == 2) {
                    return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
                }
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("No sentinel named a primary for " + master, last);
    }

    private static List<HostAndPort> hostsOf(List<RedisConnectionDetails.Node> nodes) {
        return nodes.stream().map(node -> new HostAndPort(node.host(), node.port())).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
