package dev.proximity.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.proximity.geo.ExactCircle;
import dev.proximity.geo.Haversine;
import dev.proximity.geo.LatLng;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory state and the local cell layer under random batches of creates, moves and deletes (a business
 * may change twice in one batch), with a tiny overlay so that rebuilds (explicit, by size and by age on the
 * background thread) and imports that merge happen all the time. After every batch each index must agree with a
 * brute-force scan of what the business table holds, and so must a search on a snapshot taken a few batches
 * earlier against the table as it was then: cell copies made for newer snapshots must never leak into it.
 */
class SearchStateTests {

    @ParameterizedTest
    @EnumSource(IndexType.class)
    void staysExactThroughChangesRebuildsAndImports(IndexType index) {
        CellChanges changes = new CellChanges();
        CellKeys keys = new CellKeys(16);
        SearchState state = new SearchState(changes, keys, 8, Duration.ofMillis(5), new Dictionary<>(key -> null));
        CellLayers cells = new CellLayers(10_000, Duration.ofMinutes(1), changes, null, keys,
                new SimpleMeterRegistry());
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
            long position = 1;
            state.replaceAll(position, initial.build());
            List<Map<Long, BusinessRow>> truths = new ArrayList<>();
            List<Snapshot> snapshots = new ArrayList<>();
            for (int step = 0; step < 300; step++) {
                Map<Long, BusinessRow> upserts = new HashMap<>();
                List<Long> deletes = new ArrayList<>();
                BaseTable.Builder imported = null;
                for (int change = 0; change < 1 + random.nextInt(4); change++) {
                    int action = random.nextInt(10);
                    if (action < 3) {
                        BusinessRow row = row(state, nextId++, random);
                        truth.put(row.id(), row);
                        upserts.put(row.id(), row);
                    } else if (action < 7 && !truth.isEmpty()) {
                        long id = new ArrayList<>(truth.keySet()).get(random.nextInt(truth.size()));
                        BusinessRow moved = row(state, id, random);
                        truth.put(id, moved);
                        upserts.put(id, moved);
                        deletes.remove(id);
                    } else if (action < 9 && !truth.isEmpty()) {
                        long id = new ArrayList<>(truth.keySet()).get(random.nextInt(truth.size()));
                        truth.remove(id);
                        upserts.remove(id);
                        deletes.add(id);
                    } else {
                        imported = imported == null ? new BaseTable.Builder(0) : imported;
                        for (int i = 0; i < 1 + random.nextInt(12); i++) {
                            BusinessRow row = row(state, nextId++, random);
                            truth.put(row.id(), row);
                            imported.add(row);
                        }
                    }
                }
                state.apply(++position, new ArrayList<>(upserts.values()), deletes,
                        imported == null ? List.of() : List.of(imported.build()));
                if (step % 50 == 0) {
                    state.rebuild();
                }
                truths.add(new HashMap<>(truth));
                snapshots.add(state.current());
                assertThat(state.current().position).isEqualTo(position);
                assertSame(state, cells, state.current(), truth, index, random);
                if (step >= 3) {
                    // an older snapshot still answers as of its own position
                    int earlier = step - 1 - random.nextInt(3);
                    assertSame(state, cells, snapshots.get(earlier), truths.get(earlier), index, random);
                }
            }
        } finally {
            state.shutdown();
        }
    }

    private static void assertSame(SearchState state, CellLayers cells, Snapshot snapshot,
            Map<Long, BusinessRow> truth, IndexType index, Random random) {
        LatLng center = LatLng.ofDegrees(10 + random.nextDouble(), 20 + random.nextDouble());
        double radius = 1 + random.nextDouble() * 50_000;
        List<Long> expected = truth.values().stream()
                .filter(r -> Haversine.distanceMeters(center.latDegrees(), center.lngDegrees(), r.latitude(),
                        r.longitude()) <= radius)
                .sorted(Comparator.comparingDouble((BusinessRow r) -> Haversine.distanceMeters(center.latDegrees(),
                        center.lngDegrees(), r.latitude(), r.longitude())).thenComparingLong(BusinessRow::id))
                .map(BusinessRow::id).toList();
        Matches matches = new Matches(null, 50, SearchFilter.NONE);
        if (index == IndexType.QUADTREE) {
            snapshot.collectFromQuadtree(center, radius, matches);
        } else {
            ExactCircle circle = new ExactCircle(center, radius);
            for (CellLayers.CellEntry entry : cells.entries(index, cells.keys().cover(index, center, radius),
                    snapshot)) {
                for (int k = 0; k < entry.size(); k++) {
                    double distance = circle.distanceMetersIfInside(entry.latitudes()[k], entry.longitudes()[k]);
                    if (distance >= 0) {
                        matches.offer(distance, entry.ids()[k], Long.MIN_VALUE, entry.categories()[k],
                                entry.schedules()[k]);
                    }
                }
            }
        }
        assertThat(matches.total()).isEqualTo(expected.size());
        assertThat(matches.page().stream().map(Matches.Hit::id).toList())
                .isEqualTo(expected.subList(0, Math.min(50, expected.size())));
        assertThat(snapshot.size()).isEqualTo(truth.size());
    }

    private static BusinessRow row(SearchState state, long id, Random random) {
        double lat = 10 + random.nextDouble();
        double lng = 20 + random.nextDouble();
        return new BusinessRow(id, lat, lng, dev.proximity.search.CellKeysTests.s2Leaf(lat, lng),
                state.categories().encode("c" + random.nextInt(3)), -1, -1, "B" + id,
                random.nextBoolean() ? null : "Street " + id);
    }
}
