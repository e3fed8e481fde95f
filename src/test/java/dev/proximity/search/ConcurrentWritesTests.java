package dev.proximity.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.proximity.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More concurrent writers than primary connections: each write's after-commit search update reads the row
 * while the writer still holds its connection, so it must not need a second one from the same pool.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.hikari.maximum-pool-size=3")
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentWritesTests {

    private static final int WRITERS = 12;

    @LocalServerPort
    int port;

    @Test
    void moreWritersThanConnectionsAllSucceedAndAreSearchable(CapturedOutput output) throws Exception {
        ApiClient api = new ApiClient(port);
        ApiClient.Owner owner = api.newOwner();
        String category = NearbySearchApiTests.uniqueCategory();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<ApiClient.Response>> responses = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                String body = NearbySearchApiTests.body("Writer " + i, category, -33.86 + i * 0.0001, 151.2);
                responses.add(writers.submit(() -> api.postJson("/v1/businesses", body, owner.auth())));
            }
            for (Future<ApiClient.Response> response : responses) {
                assertThat(response.get().status()).as(response.get().body()).isEqualTo(201);
            }
        } finally {
            writers.shutdownNow();
        }
        ApiClient.Response found = api.get("/v1/search/nearby?latitude=-33.86&longitude=151.2&radius=1000&limit=50"
                + "&category=" + category);
        assertThat(found.json().get("total").asInt()).isEqualTo(WRITERS);
        assertThat(output.getOut()).doesNotContain("reloading everything").doesNotContain("Connection is not available");
    }
}
