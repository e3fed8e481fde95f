package dev.proximity.search;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

import static dev.proximity.support.ProblemAssertions.assertFieldError;
import static org.assertj.core.api.Assertions.assertThat;

/** The contract of {@code GET /v1/search/nearby} beyond exactness: validation, page tokens, freshness, privacy. */
@ApiIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NearbySearchApiTests {

    private static final String CENTER = "latitude=48.8566&longitude=2.3522";

    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext server;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "longitude=2;latitude", "latitude=1;longitude",
            "latitude=NaN&longitude=2;latitude", "latitude=Infinity&longitude=2;latitude",
            "latitude=0x1p3&longitude=2;latitude", "latitude=1e1&longitude=2;latitude",
            "latitude=45d&longitude=2;latitude", "latitude=&longitude=2;latitude",
            "latitude=90.0001&longitude=2;latitude", "latitude=1&longitude=-180.5;longitude",
            "latitude=1&longitude=1.1234567890123456;longitude",
            "latitude=1&longitude=2&radius=0;radius", "latitude=1&longitude=2&radius=50000.01;radius",
            "latitude=1&longitude=2&radius=-5;radius", "latitude=1&longitude=2&radius=1e3;radius",
            "latitude=1&longitude=2&limit=0;limit", "latitude=1&longitude=2&limit=51;limit",
            "latitude=1&longitude=2&limit=2.5;limit", "latitude=1&longitude=2&category=Cafe;category",
            "latitude=1&longitude=2&category=;category", "latitude=1&longitude=2&openNow=yes;openNow",
            "latitude=1&longitude=2&index=rtree;index", "latitude=1&longitude=2&radious=10;radious",
            "latitude=1&latitude=2&longitude=2;latitude", "latitude=1&longitude=2&pageToken=;pageToken",
            "latitude=1&longitude=2&pageToken=abc;pageToken"})
    void refusesEachBadParameterByName(String query, String field) {
        assertFieldError(api.get("/v1/search/nearby?" + query), field);
    }

    @Test
    void refusesMoreThanTwentyCategories() {
        String categories = "&category=c".repeat(21);
        assertFieldError(api.get("/v1/search/nearby?" + CENTER + categories), "category");
    }

    @Test
    void acceptsPlainDecimalsAtTheEdgesOfEveryRange() {
        ApiClient.Response response = api.get("/v1/search/nearby?latitude=-90&longitude=%2B180.000000000000000"
                + "&radius=50000&limit=50&openNow=false&index=geohash");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("nextPageToken").isNull()).isTrue();
        assertThat(api.get("/v1/search/nearby?latitude=0&longitude=0&radius=1.5&limit=1").status()).isEqualTo(200);
    }

    @Test
    void refusesTamperedAndForeignPageTokens() {
        ApiClient.Owner owner = api.newOwner();
        String category = uniqueCategory();
        for (int i = 0; i < 3; i++) {
            create(owner, category, 48.8566 + i * 0.001, 2.3522);
        }
        String query = "/v1/search/nearby?" + CENTER + "&radius=1000&limit=1&category=" + category;
        JsonNode first = api.get(query).json();
        String token = first.get("nextPageToken").asText();
        ApiClient.Response second = api.get(query + "&pageToken=" + token);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(api.get(query.replace("limit=1", "limit=2") + "&pageToken=" + token).status()).isEqualTo(200);

        char flipped = token.charAt(5) == 'A' ? 'B' : 'A';
        String tampered = token.substring(0, 5) + flipped + token.substring(6);
        assertFieldError(api.get(query + "&pageToken=" + tampered), "pageToken");
        assertFieldError(api.get(query + "&pageToken=" + token + "x"), "pageToken");
        assertFieldError(api.get(query.replace("radius=1000", "radius=1001") + "&pageToken=" + token), "pageToken");
        assertFieldError(api.get(query.replace("48.8566", "48.8567") + "&pageToken=" + token), "pageToken");
        assertFieldError(api.get(query + "&index=quadtree&pageToken=" + token), "pageToken");
        assertFieldError(api.get(query + "&openNow=true&pageToken=" + token), "pageToken");
        assertFieldError(api.get(query + "&category=other&pageToken=" + token), "pageToken");
    }

    @ParameterizedTest
    @EnumSource(IndexType.class)
    void nextSearchSeesCreateMoveAndDelete(IndexType index) {
        ApiClient.Owner owner = api.newOwner();
        String category = uniqueCategory();
        String query = "/v1/search/nearby?latitude=-33.8688&longitude=151.2093&radius=500&category=" + category
                + "&index=" + index.apiName();
        assertThat(api.get(query).json().get("total").asLong()).isZero();

        String id = create(owner, category, -33.8688, 151.2093);
        JsonNode found = api.get(query).json();
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("businesses").get(0).get("id").asText()).isEqualTo(id);
        assertThat(found.get("businesses").get(0).get("distance").asDouble()).isZero();

        ApiClient.Response moved = api.putJson("/v1/businesses/" + id, body("Moved", category, -33.9, 151.3),
                owner.auth());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(api.get(query).json().get("total").asLong()).isZero();
        JsonNode there = api.get(query.replace("-33.8688", "-33.9").replace("151.2093", "151.3")).json();
        assertThat(there.get("total").asLong()).isEqualTo(1);
        assertThat(there.get("businesses").get(0).get("name").asText()).isEqualTo("Moved");

        assertThat(api.delete("/v1/businesses/" + id, owner.auth()).status()).isEqualTo(204);
        assertThat(api.get(query.replace("-33.8688", "-33.9").replace("151.2093", "151.3")).json()
                .get("total").asLong()).isZero();
    }

    @ParameterizedTest
    @EnumSource(IndexType.class)
    void aRenameIsFoundByItsNewWordsAndNotItsOldOnesOnTheNextSearch(IndexType index) {
        ApiClient.Owner owner = api.newOwner();
        String category = uniqueCategory();
        String query = "/v1/search/nearby?latitude=51.5072&longitude=-0.1276&radius=500&category=" + category
                + "&index=" + index.apiName() + "&q=";
        String id = create(owner, category, 51.5072, -0.1276);
        assertThat(api.putJson("/v1/businesses/" + id, body("Café Mañana", category, 51.5072, -0.1276),
                owner.auth()).status()).isEqualTo(200);
        assertThat(api.get(query + "cafe%20man").json().get("total").asLong()).isEqualTo(1);
        assertThat(api.putJson("/v1/businesses/" + id, body("Tea Room", category, 51.5072, -0.1276),
                owner.auth()).status()).isEqualTo(200);
        assertThat(api.get(query + "cafe").json().get("total").asLong()).isZero();
        JsonNode renamed = api.get(query + "TEA").json();
        assertThat(renamed.get("total").asLong()).isEqualTo(1);
        assertThat(renamed.get("businesses").get(0).get("name").asText()).isEqualTo("Tea Room");
        // the category's own words match too, and every word must match
        assertThat(api.get(query + "tea%20" + category.substring(2)).json().get("total").asLong())
                .isEqualTo(1);
        assertThat(api.get(query + "tea%20coffee").json().get("total").asLong()).isZero();
    }

    @Test
    void importedRowsAreSearchableWhenTheImportReturns() {
        ApiClient.Owner owner = api.newOwner();
        String category = uniqueCategory();
        StringBuilder csv = new StringBuilder("name,category,latitude,longitude,city,country\n");
        for (int i = 0; i < 300; i++) {
            csv.append("Imported ").append(i).append(',').append(category).append(",35.").append(6000 + i)
                    .append(",139.7000,Tokyo,JP\n");
        }
        importCsv(owner, csv);
        for (IndexType index : IndexType.values()) {
            JsonNode page = api.get("/v1/search/nearby?latitude=35.6&longitude=139.7&radius=10000&limit=50&category="
                    + category + "&index=" + index.apiName()).json();
            assertThat(page.get("total").asLong()).as(index.name()).isEqualTo(300);
            JsonNode first = page.get("businesses").get(0);
            assertThat(first.get("name").asText()).isEqualTo("Imported 0");
            assertThat(first.get("city").asText()).isEqualTo("Tokyo");
            assertThat(first.get("country").asText()).isEqualTo("JP");
            assertThat(first.get("category").asText()).isEqualTo(category);
        }
    }

    /** A full page is larger than Tomcat's 8 KiB buffers: it must still leave whole, with its length, not chunked. */
    @Test
    void sendsAFullPageWithItsLengthAndNotChunked() {
        ApiClient.Owner owner = api.newOwner();
        String category = uniqueCategory();
        StringBuilder csv = new StringBuilder("name,category,latitude,longitude,address,city,country\n");
        for (int i = 0; i < 60; i++) {
            csv.append("A rather long business name number ").append(i).append(',').append(category)
                    .append(",-12.").append(1000 + i).append(",-77.0300,\"Avenida José Larco 1").append(i)
                    .append(", Miraflores\",Lima,PE\n");
        }
        importCsv(owner, csv);
        ApiClient.Response page = api.get("/v1/search/nearby?latitude=-12.1&longitude=-77.03&radius=5000&limit=50"
                + "&category=" + category);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("businesses")).hasSize(50);
        byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(8192);
        assertThat(page.header("Content-Length")).isEqualTo(Integer.toString(body.length));
        assertThat(page.header("Transfer-Encoding")).isNull();
        assertThat(page.header("Content-Type")).isEqualTo("application/json");
        // One socket write for the whole page: the connector's write buffer holds it with its headers.
        Object writeBuffer = ((TomcatWebServer) server.getWebServer()).getTomcat().getConnector()
                .getProperty("socket.appWriteBufSize");
        assertThat(Integer.parseInt(String.valueOf(writeBuffer))).isGreaterThan(body.length + 1024);
        // An Accept with parameters gets the same bytes; a type the API does not speak gets 406.
        assertThat(api.get("/v1/search/nearby?latitude=-12.1&longitude=-77.03&radius=5000&limit=50&category="
                + category, "Accept", "application/json;charset=UTF-8").body()).isEqualTo(page.body());
        assertThat(api.get("/v1/search/nearby?" + CENTER, "Accept", "application/xml").status()).isEqualTo(406);
    }

    @Test
    void neverLogsTheSearchCoordinates(CapturedOutput output) {
        for (IndexType index : IndexType.values()) {
            assertThat(api.get("/v1/search/nearby?latitude=12.345678&longitude=-98.765432&index="
                    + index.apiName()).status()).isEqualTo(200);
        }
        assertFieldError(api.get("/v1/search/nearby?latitude=12.345678&longitude=-98.765432&radius=0"), "radius");
        // log timestamps (19:37:12.345) are no coordinates: leave them out of the comparison
        String logged = output.getAll().replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d+Z?", "");
        assertThat(logged).doesNotContain("12.345678", "98.765432", "12.34", "98.76");
    }

    private void importCsv(ApiClient.Owner owner, CharSequence csv) {
        ApiClient.Response imported = api.send("POST", "/v1/businesses/import", "text/csv", csv.toString(),
                owner.auth());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    }

    private String create(ApiClient.Owner owner, String category, double lat, double lng) {
        ApiClient.Response created = api.postJson("/v1/businesses", body("Place", category, lat, lng), owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static String body(String name, String category, double lat, double lng) {
        return "{\"name\":\"" + name + "\",\"category\":\"" + category + "\",\"latitude\":"
                + java.math.BigDecimal.valueOf(lat).toPlainString() + ",\"longitude\":"
                + java.math.BigDecimal.valueOf(lng).toPlainString() + ",\"address\":\"1 Test Street\"}";
    }

    static String uniqueCategory() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
