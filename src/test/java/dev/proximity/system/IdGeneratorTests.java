package dev.proximity.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdGeneratorTests {

    private static final int SEQUENCE_BITS = 12;
    private static final int NODE_BITS = 10;
    private static final long SOME_TIME = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();

    private static long timestampOf(long id) {
        return (id >>> (NODE_BITS + SEQUENCE_BITS)) + IdGenerator.EPOCH_MILLIS;
    }

    private static long nodeOf(long id) {
        return (id >>> SEQUENCE_BITS) & ((1L << NODE_BITS) - 1);
    }

    private static long sequenceOf(long id) {
        return id & ((1L << SEQUENCE_BITS) - 1);
    }

    @Nested
    class Ordering {

        @Test
        void idsAreStrictlyIncreasingAcrossManyCalls() {
            IdGenerator ids = new IdGenerator(Clock.systemUTC(), 7);
            long previous = ids.nextId();
            for (int i = 0; i < 200_000; i++) {
                long next = ids.nextId();
                assertThat(next).isGreaterThan(previous);
                previous = next;
            }
            assertThat(previous).isPositive();
        }

        @Test
        void idsStayIncreasingWhenOneMillisecondRunsOutOfSequenceNumbers() {
            // The clock stands still for the first 4096 ids, then moves on by one millisecond.
            ControllableClock clock = new ControllableClock(SOME_TIME);
            clock.advanceAfterReads(4096, 1);
            IdGenerator ids = new IdGenerator(clock, 3);
            List<Long> generated = new ArrayList<>();
            for (int i = 0; i < 4097; i++) {
                generated.add(ids.nextId());
            }
            assertThat(generated).isSorted().doesNotHaveDuplicates();
            assertThat(sequenceOf(generated.get(4095))).isEqualTo(4095);
            assertThat(timestampOf(generated.get(4095))).isEqualTo(SOME_TIME);
            long firstOfNextMillisecond = generated.get(4096);
            assertThat(timestampOf(firstOfNextMillisecond)).isEqualTo(SOME_TIME + 1);
            assertThat(sequenceOf(firstOfNextMillisecond)).isZero();
        }

        @Test
        void eachThreadSeesStrictlyIncreasingIdsAndAllThreadsTogetherSeeNoDuplicate() throws Exception {
            IdGenerator ids = new IdGenerator(Clock.systemUTC(), 1023);
            int threads = 4;
            int perThread = 50_000;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<long[]>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Callable<long[]> task = () -> {
                        start.await();
                        long[] mine = new long[perThread];
                        for (int i = 0; i < perThread; i++) {
                            mine[i] = ids.nextId();
                        }
                        return mine;
                    };
                    results.add(pool.submit(task));
                }
                start.countDown();
                Set<Long> all = new HashSet<>(threads * perThread * 2);
                for (Future<long[]> result : results) {
                    long[] mine = result.get();
                    for (int i = 0; i < mine.length; i++) {
                        if (i > 0) {
                            assertThat(mine[i]).isGreaterThan(mine[i - 1]);
                        }
                        assertThat(nodeOf(mine[i])).isEqualTo(1023);
                        all.add(mine[i]);
                    }
                }
                assertThat(all).hasSize(threads * perThread);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Layout {

        @ParameterizedTest
        @ValueSource(longs = {0, 1, 512, 1023})
        void carriesTheNodeInItsOwnBits(long node) {
            ControllableClock clock = new ControllableClock(SOME_TIME);
            IdGenerator ids = new IdGenerator(clock, node);
            long first = ids.nextId();
            long second = ids.nextId();
            assertThat(nodeOf(first)).isEqualTo(node);
            assertThat(nodeOf(second)).isEqualTo(node);
            assertThat(timestampOf(first)).isEqualTo(SOME_TIME);
            assertThat(sequenceOf(first)).isZero();
            assertThat(sequenceOf(second)).isEqualTo(1);
        }

        @Test
        void twoNodesNeverMakeTheSameIdInTheSameMillisecond() {
            ControllableClock clock = new ControllableClock(SOME_TIME);
            IdGenerator a = new IdGenerator(clock, 1);
            IdGenerator b = new IdGenerator(clock, 2);
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                assertThat(seen.add(a.nextId())).isTrue();
                assertThat(seen.add(b.nextId())).isTrue();
            }
        }

        @Test
        void sequenceRestartsAtZeroInANewMillisecond() {
            ControllableClock clock = new ControllableClock(SOME_TIME);
            IdGenerator ids = new IdGenerator(clock, 5);
            ids.nextId();
            ids.nextId();
            clock.set(SOME_TIME + 10);
            long id = ids.nextId();
            assertThat(timestampOf(id)).isEqualTo(SOME_TIME + 10);
            assertThat(sequenceOf(id)).isZero();
        }

        @Test
        void idsArePositiveForDecadesAfterTheEpoch() {
            // 41 bits of milliseconds: the sign bit is untouched until about 2093.
            ControllableClock clock = new ControllableClock(Instant.parse("2090-01-01T00:00:00Z").toEpochMilli());
            long id = new IdGenerator(clock, 1023).nextId();
            assertThat(id).isPositive();
        }
    }

    @Nested
    class ClockSteppingBack {

        @Test
        void neverYieldsASmallerIdWhenTheClockStepsBack() {
            ControllableClock clock = new ControllableClock(SOME_TIME);
            IdGenerator ids = new IdGenerator(clock, 9);
            long beforeStep = ids.nextId();
            clock.set(SOME_TIME - 5_000); // e.g. an NTP correction
            long afterStep = ids.nextId();
            long later = ids.nextId();
            assertThat(afterStep).isGreaterThan(beforeStep);
            assertThat(later).isGreaterThan(afterStep);
            assertThat(timestampOf(afterStep)).isEqualTo(SOME_TIME);
        }

        @Test
        void keepsIncreasingWhileTheClockWandersBackAndForth() {
            ControllableClock clock = new ControllableClock(SOME_TIME);
            IdGenerator ids = new IdGenerator(clock, 9);
            long[] offsets = {0, -1, 3, -1_000, 2, 2, -60_000, 5, 4, 100};
            long previous = Long.MIN_VALUE;
            for (long offset : offsets) {
                clock.set(SOME_TIME + offset);
                for (int i = 0; i < 100; i++) {
                    long id = ids.nextId();
                    assertThat(id).isGreaterThan(previous);
                    previous = id;
                }
            }
            assertThat(timestampOf(previous)).isEqualTo(SOME_TIME + 100);
        }
    }

    /** A clock tests set by hand; it can also move on by itself after a number of reads. */
    static final class ControllableClock extends Clock {

        private final AtomicLong millis;
        private final AtomicLong reads = new AtomicLong();
        private volatile long advanceAfterReads = Long.MAX_VALUE;
        private volatile long advanceBy;

        ControllableClock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        void set(long newMillis) {
            millis.set(newMillis);
        }

        void advanceAfterReads(long readCount, long byMillis) {
            this.advanceAfterReads = readCount;
            this.advanceBy = byMillis;
        }

        @Override
        public long millis() {
            if (reads.incrementAndGet() == advanceAfterReads + 1) {
                millis.addAndGet(advanceBy);
            }
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
