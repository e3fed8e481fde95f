package dev.proximity.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory state under random creates, moves and deletes, with a tiny overlay so that rebuilds (explicit,
 * by size and by age on the background thread) and imports that merge happen all the time: after every step each
 * index must agree with a brute-force scan of what the business table would hold.
 */
class SearchStateTests {

    @ParameterizedTest
    @EnumSource(IndexType.class)
    void staysExactThroughChangesRebuildsAndImports(IndexType index) {
        SearchState state = new SearchState(8, Duration.ofMillis(5), new Dictionary<>(key -> null));
        try {
            Random random = new Random(11 + index.ordinal());
            Map<Long, BusinessRow> truth = new HashMap<>();
            BaseTable.Builder initial = new BaseTable.Builder(0);
            long nextId = 1;
            for (int i = 0; i < 200; i++) {
                BusinessRow row = row(state, nextId++, random);
                truth.put(row.id(), row);
                initial.add(row);
            }
            state.replaceAll(initial.build());
            for (int step = 0; step < 400; step++) {
                int action = random.nextInt(10);
                if (action < 4) {
                    BusinessRow row = row(state, nextId++, random);
                    truth.put(row.id(), row);
                    state.upsert(row);
                } else if (action < 7 && !truth.isEmpty()) {
                    long id = new ArrayList<>(truth.keySet()).get(random.nextInt(truth.size()));
                    BusinessRow moved = row(state, id, random);
                    truth.put(id, moved);
                    state.upsert(moved);
                } else if (action < 9 && !truth.isEmpty()) {
                    long id = new ArrayList<>(truth.keySet()).get(random.nextInt(truth.size()));
                    truth.remove(id);
                    state.delete(id);
                } else {
                    BaseTable.Builder batch = new BaseTable.Builder(0);
                    for (int i = 0; i < 1 + random.nextInt(12); i++) {
                        BusinessRow row = row(state, nextId++, random);
                        truth.put(row.id(), row);
                        batch.add(row);
                    }
                    state.upsertAll(batch.build());
                }
                if (step % 50 == 0) {
                    state.rebuild();
                }
                assertSame(state, truth, index, random);
            }
        } finally {
            state.shutdown();
        }
    }

    private static void assertSame(SearchState state, Map<Long, BusinessRow> truth, IndexType index,
            Random random) {
        LatLng center = LatLng.ofDegrees(10 + random.nextDouble(), 20 + random.nextDouble());
        double radius = 1 + random.nextDouble() * 50_000;
        List<Long> expected = truth.values().stream()
                .filter(r -> Haversine.distanceMeters(center.latDegrees(), center.lngDegrees(), r.latitude(),
                        r.longitude()) <= radius)
                .sorted(Comparator.comparingDouble((BusinessRow r) -> Haversine.distanceMeters(center.latDegrees(),
                        center.lngDegrees(), r.latitude(), r.longitude())).thenComparingLong(BusinessRow::id))
                .map(BusinessRow::id).toList();
        Generation generation = state.current();
        Matches matches = new Matches(null, 50, null, state.schedules(), null);
        generation.index(index).collect(center, radius, matches);
        assertThat(matches.total()).isEqualTo(expected.size());
        List<Long> page = matches.page().stream().map(hit -> generation.resolve(hit.handle()).id()).toList();
        assertThat(page).isEqualTo(expected.subList(0, Math.min(50, expected.size())));
        assertThat(generation.size()).isEqualTo(truth.size());
    }

    private static BusinessRow row(SearchState state, long id, Random random) {
        return new BusinessRow(id, 10 + random.nextDouble(), 20 + random.nextDouble(),
                state.categories().encode("c" + random.nextInt(3)), -1, -1, "B" + id, random.nextBoolean() ? null
                        : "Street " + id);
    }
}
