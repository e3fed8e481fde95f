package dev.proximity.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/search/cells}: what the map's cell overlay draws. */
@ApiIntegrationTest
class SearchCellsApiTests {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void everyIndexReturnsClosedRingsAroundTheCircle() {
        ApiClient.Owner owner = api.newOwner();
        // one business so the quadtree has a leaf here (-33.9, 18.4 is Cape Town)
        assertThat(api.postJson("/v1/businesses", "{\"name\":\"Cells\",\"category\":\"cafe\",\"latitude\":-33.9,"
                + "\"longitude\":18.4}", owner.auth()).status()).isEqualTo(201);
        for (String index : new String[] {"geohash", "quadtree", "s2"}) {
            JsonNode cells = api.get("/v1/search/cells?latitude=-33.9&longitude=18.4&radius=2000&index=" + index)
                    .json();
            assertThat(cells.get("index").asText()).isEqualTo(index);
            assertThat(cells.get("count").asInt()).as(index).isPositive();
            boolean coversCentre = false;
            for (JsonNode cell : cells.get("cells")) {
                JsonNode ring = cell.get("polygon");
                assertThat(ring.size()).isEqualTo(5);
                assertThat(ring.get(0)).isEqualTo(ring.get(4));
                double minLat = 90, maxLat = -90, minLng = 180, maxLng = -180;
                for (JsonNode corner : ring) {
                    minLat = Math.min(minLat, corner.get(0).asDouble());
                    maxLat = Math.max(maxLat, corner.get(0).asDouble());
                    minLng = Math.min(minLng, corner.get(1).asDouble());
                    maxLng = Math.max(maxLng, corner.get(1).asDouble());
                }
                coversCentre |= minLat <= -33.9 && -33.9 <= maxLat && minLng <= 18.4 && 18.4 <= maxLng;
            }
            assertThat(coversCentre).as(index + " has a cell around the centre").isTrue();
        }
    }

    @Test
    void badParametersAreTheSameProblemsAsForNearby() {
        assertProblem(api.get("/v1/search/cells?latitude=91&longitude=0"), 400, "validation-failed");
        assertProblem(api.get("/v1/search/cells?latitude=1&longitude=0&index=rtree"), 400, "validation-failed");
        assertProblem(api.get("/v1/search/cells?latitude=1&longitude=0&radious=5"), 400, "validation-failed");
    }
}
