package dev.proximity.search;

import java.util.List;

import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view's set that was deleted and then re-created by a later ZADD exists but misses businesses: only its sentinel
 * tells it from a whole one, and the maintainer must see it as incomplete (and rebuild) rather than read it.
 */
@ApiIntegrationTest
class RedisViewWholenessTests {

    @Autowired
    RedisView view;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aSetThatLostItsSentinelIsNotWhole() {
        String viewId = "wholeness" + System.nanoTime(); // no marker names it: the running maintainer leaves it alone
        RedisView.Marker[] markers = {RedisView.Marker.ready(viewId, 0)};
        String s2 = view.partitions().set(0, viewId, IndexType.S2);
        try {
            assertThat(view.fill(0, viewId, List.of())).isTrue();
            assertThat(view.complete(markers)).containsExactly(true);

            redis.delete(s2);
            redis.opsForZSet().add(s2, "a later member", 42);

            assertThat(redis.hasKey(s2)).isTrue();
            assertThat(view.complete(markers)).containsExactly(false);
            assertThat(view.complete(new RedisView.Marker[] {null})).as("no marker: nothing whole")
                    .containsExactly(false);
        } finally {
            view.drop(0, viewId);
        }
    }
}
