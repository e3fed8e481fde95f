package dev.proximity.search;

import java.net.URI;
import java.util.List;

import dev.proximity.system.RedisTopology;
import org.springframework.boot.context.properties.ConfigurationProperties;
import redis.clients.jedis.HostAndPort;

/**
 * A Redis of its own for the search view ({@link RedisView}: the cell sets, business objects, marker and lease),
 * apart from {@code spring.data.redis}, which keeps the owner pages' sessions, the rate-limit buckets, the
 * read-your-writes markers and the change log's wake-ups. The view grows with the number of businesses; on a
 * shared Redis, filling its memory would refuse (or, with an evicting policy, drop) sessions and buckets, which
 * would sign owners out and open the rate limits. Unset, the view shares {@code spring.data.redis} (the embedded
 * mode runs one Redis). The view's Redis is one server ({@code url}), a Redis Cluster ({@code cluster.nodes}) or
 * a primary found through Sentinel ({@code sentinel.*}), named as {@code spring.data.redis} names them; Sentinel
 * wins over Cluster, and both over {@code url}, as in Spring Boot.
 *
 * @param url      {@code redis://host:port[/database]}, or {@code rediss://} for TLS
 * @param username ACL user of the data nodes, if the servers have ACL users
 * @param password its password (or {@code requirepass})
 * @param cluster  the Redis Cluster's seed nodes
 * @param sentinel the sentinels and the master name they watch
 * @param partitions how many parts the view is split into by business id, each under a hash tag of its own
 *        ({@link ViewPartitions}); unset: 16 on a Redis Cluster, 1 otherwise. On a cluster, a multiple of the number
 *        of primaries spreads it evenly; every instance must use the same number.
 */
@ConfigurationProperties("proximity.search.view-redis")
record ViewRedisProperties(URI url, String username, String password, Cluster cluster, Sentinel sentinel,
        Integer partitions) {

    /** @param nodes {@code host:port} of some (better: every) node of the cluster */
    record Cluster(List<String> nodes) {
    }

    /**
     * @param master   the name the sentinels know the primary by
     * @param nodes    {@code host:port} of the sentinels
     * @param username ACL user of the sentinels, if they have one
     * @param password the sentinels' password, if they have one
     */
    record Sentinel(String master, List<String> nodes, String username, String password) {
    }

    /** Whether the view has a Redis of its own. */
    boolean configured() {
        return url != null || (cluster != null && cluster.nodes() != null && !cluster.nodes().isEmpty())
                || (sentinel != null && sentinel.master() != null);
    }

    RedisTopology topology() {
        if (sentinel != null && sentinel.master() != null) {
            return new RedisTopology(RedisTopology.parseNodes(sentinel.nodes()), sentinel.master(), false,
                    database(), username, password, sentinel.username(), sentinel.password(), false, null);
        }
        if (cluster != null && cluster.nodes() != null && !cluster.nodes().isEmpty()) {
            return new RedisTopology(RedisTopology.parseNodes(cluster.nodes()), null, true, 0, username, password,
                    null, null, tls(), null);
        }
        return new RedisTopology(List.of(new HostAndPort(url.getHost(), url.getPort() > 0 ? url.getPort() : 6379)),
                null, false, database(), username, password, null, null, tls(), null);
    }

    private int database() {
        String path = url == null ? null : url.getPath();
        return path != null && path.length() > 1 ? Integer.parseInt(path.substring(1)) : 0;
    }

    /** TLS when {@code url} says {@code rediss://} (also for the nodes of a cluster, which has no url of its own). */
    private boolean tls() {
        return url != null && "rediss".equalsIgnoreCase(url.getScheme());
    }
}
