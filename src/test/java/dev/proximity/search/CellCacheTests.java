package dev.proximity.search;

import java.util.List;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.ApiIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cell cache over HTTP with the real embedded Redis: which layer answers (counted on /actuator/prometheus),
 * what a write evicts, and the compare-and-set that keeps a fill racing with a write from storing the old cell.
 */
@ApiIntegrationTest
class CellCacheTests {

    @LocalServerPort
    int port;

    @Autowired
    CellCache cells;

    @Autowired
    SharedCells shared;

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void aWarmSearchIsAnsweredLocallyAndRedisRefillsAnEmptiedLocalLayer() {
        Owner owner = api.newOwner();
        String category = "cache_" + Long.toHexString(System.nanoTime());
        double lat = 12.3456;
        double lng = 45.6789;
        String id = create(owner, category, lat, lng);
        for (String index : List.of("s2", "geohash")) {
            String query = "/v1/search/nearby?latitude=" + lat + "&longitude=" + lng + "&radius=2000&category="
                    + category + "&index=" + index;
            assertThat(ids(api.get(query))).as(index).containsExactly(id);

            double localHits = count("local", "cell", "hit");
            double localMisses = count("local", "cell", "miss");
            double redisCalls = count("redis", "cell", "hit") + count("redis", "cell", "miss");
            assertThat(ids(api.get(query))).as(index).containsExactly(id);
            assertThat(count("local", "cell", "hit")).as(index).isGreaterThan(localHits);
            assertThat(count("local", "cell", "miss")).as(index).isEqualTo(localMisses); // warm: nothing missed
            assertThat(count("redis", "cell", "hit") + count("redis", "cell", "miss")).as(index)
                    .isEqualTo(redisCalls); // warm: Redis not asked

            cells.invalidateAll();
            double redisCellHits = count("redis", "cell", "hit");
            double redisBusinessHits = count("redis", "business", "hit");
            assertThat(ids(api.get(query))).as(index).containsExactly(id);
            assertThat(count("redis", "cell", "hit")).as(index).isGreaterThan(redisCellHits);
            assertThat(count("redis", "business", "hit")).as(index).isGreaterThan(redisBusinessHits);
        }

        Response prometheus = api.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        for (String layer : List.of("local", "redis")) {
            assertThat(prometheus.body()).containsPattern(
                    "proximity_cache_requests_total\\{cache=\"cell\",[^}]*layer=\"" + layer + "\",result=\"hit\"\\} [1-9]");
        }
        assertThat(prometheus.body()).contains("cache=\"business\",layer=\"redis\",result=\"hit\"");
    }

    @Test
    void aMoveEvictsTheOldAndNewCellsSoTheBusinessIsFoundOnlyWhereItIsNow() {
        Owner owner = api.newOwner();
        String category = "cache_move_" + Long.toHexString(System.nanoTime());
        String id = create(owner, category, -12.3456, -45.6789);
        for (String index : List.of("s2", "geohash")) { // warm both layers at both places
            assertThat(ids(search(category, -12.3456, -45.6789, index))).containsExactly(id);
            assertThat(ids(search(category, -12.5, -45.9, index))).isEmpty();
        }
        String oldVersionKey = "px:v1:ver:s2:" + S2CellId.fromLatLng(S2LatLng.fromDegrees(-12.3456, -45.6789))
                .parent(16).toToken();
        String before = redis.opsForValue().get(oldVersionKey);

        Response moved = api.putJson("/v1/businesses/" + id, body(category, -12.5, -45.9), owner.auth());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        assertThat(redis.opsForValue().get(oldVersionKey)).isNotNull().isNotEqualTo(before);
        for (String index : List.of("s2", "geohash")) {
            assertThat(ids(search(category, -12.3456, -45.6789, index))).as(index).isEmpty();
            assertThat(ids(search(category, -12.5, -45.9, index))).as(index).containsExactly(id);
        }
    }

    @Test
    void aFillThatRacesWithAWriteDoesNotStoreTheCellItReadBeforeTheWrite() {
        long cell = S2CellId.fromLatLng(S2LatLng.fromDegrees(1.2345, 6.789)).parent(12).id();
        long[] both = {cell};
        SharedCells.CellsRead beforeWrite = shared.readCells(both);
        assertThat(beforeWrite).isNotNull();

        assertThat(shared.evict(both, 42L)).isTrue(); // a write lands while the filler queries the database

        shared.fill(both, beforeWrite.versions(), new String[] {"pre-write"}, List.of());
        assertThat(shared.readCells(both).values()[0]).isNull();

        SharedCells.CellsRead afterWrite = shared.readCells(both);
        shared.fill(both, afterWrite.versions(), new String[] {"post-write"}, List.of());
        assertThat(shared.readCells(both).values()[0]).isEqualTo("post-write");
    }

    private double count(String layer, String cache, String result) {
        return meters.get("proximity.cache.requests").tags("layer", layer, "cache", cache, "result", result)
                .counter().count();
    }

    private String create(Owner owner, String category, double lat, double lng) {
        Response created = api.postJson("/v1/businesses", body(category, lat, lng), owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Response search(String category, double lat, double lng, String index) {
        return api.get("/v1/search/nearby?latitude=" + lat + "&longitude=" + lng + "&radius=2000&category="
                + category + "&index=" + index);
    }

    private static List<String> ids(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("businesses").findValuesAsText("id");
    }

    private static String body(String category, double lat, double lng) {
        return "{\"name\":\"Cache probe\",\"category\":\"" + category + "\",\"latitude\":" + lat
                + ",\"longitude\":" + lng + "}";
    }
}
