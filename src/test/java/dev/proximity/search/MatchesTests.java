package dev.proximity.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bounded heap of {@link Matches} against sorting every offer (the obvious, slow way). */
class MatchesTests {

    private static final Comparator<Matches.Hit> ORDER = Comparator.comparingDouble(Matches.Hit::distanceMeters)
            .thenComparingLong(Matches.Hit::id);

    @Test
    void keepsTheNearestLimitInDistanceThenIdOrderAndCountsEveryMatch() {
        Random random = new Random(3);
        for (int round = 0; round < 2_000; round++) {
            int limit = 1 + random.nextInt(50);
            int offers = random.nextInt(400);
            // few distinct distances, so ties (decided by id) are common
            double[] distances = new double[offers];
            long[] ids = new long[offers];
            for (int i = 0; i < offers; i++) {
                distances[i] = random.nextBoolean() ? random.nextInt(20) : random.nextDouble() * 1_000;
                ids[i] = random.nextInt(1_000_000);
            }
            PageCursor after = random.nextInt(3) == 0 ? new PageCursor(random.nextInt(20), random.nextInt(1_000_000))
                    : null;
            int[] categories = random.nextInt(4) == 0 ? new int[] {1, 3} : null;
            Matches matches = new Matches(after, limit, new SearchFilter(categories, null, null, null, null, null));
            List<Matches.Hit> expected = new ArrayList<>();
            long expectedTotal = 0;
            for (int i = 0; i < offers; i++) {
                int category = i % 4;
                matches.offer(distances[i], ids[i], i, category, -1);
                if (categories != null && category != 1 && category != 3) {
                    continue;
                }
                expectedTotal++;
                if (after == null || distances[i] > after.distanceMeters()
                        || (distances[i] == after.distanceMeters() && ids[i] > after.id())) {
                    expected.add(new Matches.Hit(distances[i], ids[i], i));
                }
            }
            expected.sort(ORDER);
            List<Matches.Hit> page = matches.page();
            assertThat(page).extracting(Matches.Hit::distanceMeters, Matches.Hit::id)
                    .containsExactlyElementsOf(expected.subList(0, Math.min(limit, expected.size())).stream()
                            .map(h -> tuple(h.distanceMeters(), h.id())).toList());
            assertThat(matches.total()).isEqualTo(expectedTotal);
            assertThat(matches.hasMore()).isEqualTo(expected.size() > limit);
            for (Matches.Hit hit : page) { // the handle travels with its match
                assertThat(distances[(int) hit.handle()]).isEqualTo(hit.distanceMeters());
                assertThat(ids[(int) hit.handle()]).isEqualTo(hit.id());
            }
        }
    }
}
