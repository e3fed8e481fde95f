package dev.proximity.search;

import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * How the Redis view is split so that a Redis Cluster spreads it: businesses are divided by a hash of their id into
 * {@code count} partitions, each a complete little view (a marker and a sorted set per index) under a hash tag of
 * its own, so each partition's scripts stay in one slot while the partitions sit on different primaries.
 *
 * <p>By id rather than by place: a business that moves stays in its partition, so a move is still one script that
 * replaces its score, and no partition ever has to learn where a business was before (a change log entry names the
 * business as it is now, not as it was). Memory and work spread evenly, however the businesses crowd into a few
 * cities; the price is that a cell read asks every partition (one pipeline per node, sent at once).
 *
 * <p>The tags are chosen, not just numbered: partition {@code k}'s tag hashes into the {@code k}-th of
 * {@code count} equal ranges of the 16,384 slots, and {@code redis-cli --cluster create} gives each primary an
 * equal run of slots, so the partitions are spread evenly over the primaries rather than wherever CRC16 happens to
 * put {@code view.0 … view.15}. One partition keeps the single view's keys ({@code {view}}).
 */
final class ViewPartitions {

    static final int SLOTS = 16_384;
    static final int MAX = 1_024;
    /** Partitions on a Redis Cluster unless configured: one or more per primary of up to 16, a few each for fewer. */
    static final int CLUSTER_DEFAULT = 16;

    private final String[] tags;

    ViewPartitions(int count) {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException(
                    "proximity.search.view-redis.partitions must be between 1 and " + MAX + ": " + count);
        }
        tags = new String[count];
        if (count == 1) {
            tags[0] = "view";
            return;
        }
        for (int k = 0; k < count; k++) {
            int low = (int) ((long) k * SLOTS / count);
            int high = (int) ((long) (k + 1) * SLOTS / count);
            for (int attempt = 0; tags[k] == null; attempt++) {
                String tag = "view." + k + "." + attempt;
                int slot = JedisClusterCRC16.getSlot(tag);
                if (slot >= low && slot < high) {
                    tags[k] = tag;
                }
            }
        }
    }

    /** The partitions of a view on one server (1) or on a cluster ({@code configured}, else the default). */
    static ViewPartitions of(Integer configured, boolean cluster) {
        return new ViewPartitions(configured != null ? configured : cluster ? CLUSTER_DEFAULT : 1);
    }

    int count() {
        return tags.length;
    }

    /** The partition of a business: from a mix of all the id's bits (ids are time-ordered, their low bits uneven). */
    int of(long businessId) {
        if (tags.length == 1) {
            return 0;
        }
        long mixed = (businessId * 0x9E3779B97F4A7C15L) >>> 32; // the product's high half depends on every bit
        return (int) ((mixed * tags.length) >>> 32);
    }

    /** The hash tag of partition {@code k}, without braces. */
    String tag(int k) {
        return tags[k];
    }

    String marker(int k) {
        return "px:v1:{" + tags[k] + "}:marker";
    }

    String set(int k, String viewId, IndexType index) {
        return "px:v1:{" + tags[k] + "}:" + viewId + (index == IndexType.GEOHASH ? ":gh" : ":s2");
    }

    /**
     * The maintainer's lease; one per layout, so that while instances with two partition counts run side by side
     * (a configuration being rolled out) each layout is kept whole by its own maintainer.
     */
    String lease() {
        return tags.length == 1 ? "px:v1:{view}:lease" : "px:v1:{view}:lease:" + tags.length;
    }
}
