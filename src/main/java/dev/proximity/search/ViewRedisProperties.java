package dev.proximity.search;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A Redis of its own for the search view ({@link RedisView}: the cell sets, business objects, marker and lease),
 * apart from {@code spring.data.redis}, which keeps the owner pages' sessions, the rate-limit buckets, the
 * read-your-writes markers and the change log's wake-ups. The view grows with the number of businesses; on a
 * shared Redis, filling its memory would refuse (or, with an evicting policy, drop) sessions and buckets, which
 * would sign owners out and open the rate limits. Unset, the view shares {@code spring.data.redis} (the embedded
 * mode runs one Redis).
 *
 * @param url      {@code redis://host:port[/database]}, or {@code rediss://} for TLS; unset: share
 *                 {@code spring.data.redis}
 * @param username ACL user, if the server has ACL users
 * @param password its password (or {@code requirepass})
 */
@ConfigurationProperties("proximity.search.view-redis")
record ViewRedisProperties(URI url, String username, String password) {

}
