package dev.proximity.search;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ViewPartitionsTests {

    @Test
    void onePartitionKeepsTheSingleViewsKeys() {
        ViewPartitions one = new ViewPartitions(1);

        assertThat(one.marker(0)).isEqualTo("px:v1:{view}:marker");
        assertThat(one.set(0, "abc", IndexType.S2)).isEqualTo("px:v1:{view}:abc:s2");
        assertThat(one.set(0, "abc", IndexType.GEOHASH)).isEqualTo("px:v1:{view}:abc:gh");
        assertThat(one.lease()).isEqualTo("px:v1:{view}:lease");
        assertThat(one.of(123_456_789L)).isZero();
    }

    @Test
    void eachPartitionsKeysShareOneSlotAndThePartitionsTileTheSlotsInOrder() {
        for (int count : new int[] {2, 3, 16, 30, 1_024}) {
            ViewPartitions partitions = new ViewPartitions(count);
            Set<Integer> slots = new HashSet<>();
            for (int k = 0; k < count; k++) {
                int slot = JedisClusterCRC16.getSlot(partitions.marker(k));
                assertThat(JedisClusterCRC16.getSlot(partitions.set(k, "v1", IndexType.GEOHASH))).isEqualTo(slot);
                assertThat(JedisClusterCRC16.getSlot(partitions.set(k, "v2", IndexType.S2))).isEqualTo(slot);
                // the k-th of count equal runs of slots: a cluster whose primaries hold equal runs gets equal shares
                assertThat(slot).as("partition %d of %d", k, count)
                        .isGreaterThanOrEqualTo(k * ViewPartitions.SLOTS / count)
                        .isLessThan((k + 1) * ViewPartitions.SLOTS / count);
                slots.add(slot);
            }
            assertThat(slots).hasSize(count);
        }
    }

    @Test
    void threePrimariesOfADefaultClusterHoldFiveOrSixPartitionsEach() {
        ViewPartitions partitions = ViewPartitions.of(null, true);
        int[] perPrimary = new int[3];
        for (int k = 0; k < partitions.count(); k++) {
            // redis-cli --cluster create: 0-5460, 5461-10922, 10923-16383
            int slot = JedisClusterCRC16.getSlot(partitions.marker(k));
            perPrimary[slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2]++;
        }
        assertThat(partitions.count()).isEqualTo(ViewPartitions.CLUSTER_DEFAULT);
        assertThat(java.util.Arrays.stream(perPrimary).boxed()).allSatisfy(n -> assertThat(n).isBetween(5, 6));
        assertThat(ViewPartitions.of(null, false).count()).isEqualTo(1);
        assertThat(ViewPartitions.of(4, false).count()).isEqualTo(4);
    }

    @Test
    void timeOrderedIdsSpreadEvenly() {
        // ids as IdGenerator makes them: milliseconds << 22 | node << 12 | sequence, a burst of an import
        ViewPartitions partitions = new ViewPartitions(16);
        int[] counts = new int[16];
        long millis = 90L * 24 * 3_600_000;
        int n = 0;
        for (int ms = 0; ms < 250; ms++) {
            for (int sequence = 0; sequence < 400; sequence++) {
                counts[partitions.of(((millis + ms) << 22) | (7L << 12) | sequence)]++;
                n++;
            }
        }
        int expected = n / 16;
        assertThat(java.util.Arrays.stream(counts).boxed())
                .allSatisfy(count -> assertThat(count).isBetween(expected * 97 / 100, expected * 103 / 100));
    }

    @Test
    void aCountOutsideTheRangeIsRefusedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ViewPartitions(0))
                .withMessageContaining("proximity.search.view-redis.partitions");
        assertThatIllegalArgumentException().isThrownBy(() -> new ViewPartitions(ViewPartitions.MAX + 1));
    }
}
