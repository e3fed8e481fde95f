package dev.proximity.search;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.SettableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code openNow} with a clock the test sets: overnight hours, the business's own time zone, no hours. */
@ApiIntegrationTest
@Import(NearbyOpenNowTests.SettableClockConfiguration.class)
class NearbyOpenNowTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class SettableClockConfiguration {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock(Instant.parse("2024-06-08T00:00:00Z"));
        }
    }

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    SettableClock clock;

    @Test
    void keepsOnlyBusinessesOpenNowInTheirOwnZone() {
        ApiClient api = new ApiClient(port);
        ApiClient.Owner owner = api.newOwner();
        String category = NearbySearchApiTests.uniqueCategory();
        String seoulBar = create(api, owner, "Seoul bar", category, "Asia/Seoul",
                "[{\"day\":\"FRIDAY\",\"open\":\"18:00\",\"close\":\"02:00\"}]");
        String londonBar = create(api, owner, "London bar", category, "Europe/London",
                "[{\"day\":\"FRIDAY\",\"open\":\"18:00\",\"close\":\"02:00\"}]");
        String allDay = create(api, owner, "All day", category, "Asia/Seoul",
                "[{\"day\":\"SATURDAY\",\"open\":\"00:00\",\"close\":\"24:00\"}]");
        create(api, owner, "No hours", category, null, "[]");
        create(api, owner, "Hours without zone", category, null,
                "[{\"day\":\"SATURDAY\",\"open\":\"00:00\",\"close\":\"24:00\"}]");

        // Saturday 01:00 in Seoul is Friday 17:00 in London
        clock.set(LocalDateTime.parse("2024-06-08T01:00").atZone(ZoneId.of("Asia/Seoul")).toInstant());
        for (IndexType index : IndexType.values()) {
            assertThat(openIds(api, category, index)).containsExactlyInAnyOrder(seoulBar, allDay);
        }
        // Saturday 01:00 in London is Saturday 09:00 in Seoul
        clock.set(LocalDateTime.parse("2024-06-08T01:00").atZone(ZoneId.of("Europe/London")).toInstant());
        for (IndexType index : IndexType.values()) {
            assertThat(openIds(api, category, index)).containsExactlyInAnyOrder(londonBar, allDay);
        }
        JsonNode all = api.get("/v1/search/nearby?latitude=37.5665&longitude=126.978&radius=1000&openNow=false"
                + "&category=" + category).json();
        assertThat(all.get("total").asLong()).isEqualTo(5);
    }

    private static List<String> openIds(ApiClient api, String category, IndexType index) {
        JsonNode page = api.get("/v1/search/nearby?latitude=37.5665&longitude=126.978&radius=1000&openNow=true"
                + "&category=" + category + "&index=" + index.apiName()).json();
        List<String> ids = new ArrayList<>();
        page.get("businesses").forEach(b -> ids.add(b.get("id").asText()));
        assertThat(page.get("total").asLong()).isEqualTo(ids.size());
        return ids;
    }

    private static String create(ApiClient api, ApiClient.Owner owner, String name, String category,
            String timeZone, String hours) {
        String body = "{\"name\":\"" + name + "\",\"category\":\"" + category
                + "\",\"latitude\":37.5665,\"longitude\":126.978,"
                + (timeZone == null ? "" : "\"timeZone\":\"" + timeZone + "\",") + "\"hours\":" + hours + "}";
        ApiClient.Response created = api.postJson("/v1/businesses", body, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }
}
