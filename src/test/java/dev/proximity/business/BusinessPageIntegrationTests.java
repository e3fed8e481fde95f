package dev.proximity.business;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /businesses/{id}} as a browser or a link preview fetches it. */
@ApiIntegrationTest
class BusinessPageIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient http;

    @BeforeEach
    void client() {
        http = new ApiClient(port);
    }

    @Test
    void rendersTheBusinessWithItsHoursAndSharingTags() {
        ApiClient.Owner owner = http.newOwner();
        StringBuilder week = new StringBuilder();
        for (String day : new String[] {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
            "SUNDAY"}) {
            week.append(week.isEmpty() ? "" : ",")
                    .append("{\"day\":\"").append(day).append("\",\"open\":\"00:00\",\"close\":\"24:00\"}");
        }
        ApiClient.Response created = http.postJson("/v1/businesses", "{\"name\":\"Tom & Jerry's <Diner>\","
                + "\"category\":\"fast_food\",\"latitude\":37.5664,\"longitude\":126.9779,\"address\":\"1 Sejong-daero\","
                + "\"city\":\"Seoul\",\"country\":\"KR\",\"timeZone\":\"Asia/Seoul\",\"hours\":[" + week + "]}",
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        ApiClient.Response page = http.get("/businesses/" + id, "Accept", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.body())
                .contains("<title>Tom &amp; Jerry&#39;s &lt;Diner&gt; · Proximity</title>")
                .contains("<meta property=\"og:title\" content=\"Tom &amp; Jerry&#39;s &lt;Diner&gt;\">")
                .contains("og:description\" content=\"fast food · 1 Sejong-daero, Seoul, KR\"")
                .contains("og:url\" content=\"http://127.0.0.1:" + port + "/businesses/" + id + "\"")
                .contains("Open now").contains("Asia/Seoul").contains("00:00–24:00")
                .contains("data-latitude=\"37.5664\"")
                .doesNotContain("<Diner>");
    }

    @Test
    void unknownAndMalformedIdsAreTheHtmlNotFoundPage() {
        for (String id : new String[] {"123456789", "0", "abc", "12ab", "99999999999999999999999", "-5"}) {
            ApiClient.Response page = http.get("/businesses/" + id, "Accept", "text/html");
            assertThat(page.status()).as(id).isEqualTo(404);
            assertThat(page.header("Content-Type")).as(id).startsWith("text/html");
            assertThat(page.body()).as(id).contains("<h1>Not found</h1>").doesNotContain("Exception");
        }
    }
}
