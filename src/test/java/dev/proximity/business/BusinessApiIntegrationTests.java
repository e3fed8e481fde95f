package dev.proximity.business;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.account.OwnerService;
import dev.proximity.geo.geohash.Geohash;
import dev.proximity.geo.s2.S2Covering;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.proximity.support.ProblemAssertions.assertFieldError;
import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The owners' business API end to end: a real server, the embedded PostgreSQL and Redis. */
@ApiIntegrationTest
class BusinessApiIntegrationTests {

    static final String CAFE = """
            {"name": " Cafe Onion ", "category": "cafe", "latitude": 37.5664, "longitude": 126.9779,
             "address": "1 Sejong-daero", "city": "Seoul", "country": "kr", "timeZone": "Asia/Seoul",
             "website": "https://cafe.example", "phone": "+82 2 123 4567",
             "hours": [{"day": "FRIDAY", "open": "18:00", "close": "02:00"}]}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OwnerService ownerService;

    ApiClient api;
    Owner owner;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        owner = api.newOwner();
    }

    @Test
    void createsReadsReplacesAndDeletesABusiness() {
        Response created = api.postJson("/v1/businesses", CAFE, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode business = created.json();
        String id = business.get("id").asText();
        assertThat(id).matches("\\d+");
        assertThat(created.header("Location")).isEqualTo("/v1/businesses/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(business.get("name").asText()).isEqualTo("Cafe Onion");
        assertThat(business.get("country").asText()).isEqualTo("KR");
        assertThat(business.get("ownerId").asText()).isEqualTo(owner.id());
        assertThat(business.get("version").isNumber()).isTrue();
        assertThat(business.get("hours").get(0).get("close").asText()).isEqualTo("02:00");

        Response read = api.get("/v1/businesses/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(business);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        assertThat(api.get("/v1/businesses/" + id, "If-None-Match", "\"0\"").status()).isEqualTo(304);

        String moved = CAFE.replace("37.5664", "35.1796").replace("126.9779", "129.0756");
        Response replaced = api.putJson("/v1/businesses/" + id, moved, owner.auth("If-Match", "\"0\""));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.header("ETag")).isEqualTo("\"1\"");
        assertThat(replaced.json().get("latitude").asDouble()).isEqualTo(35.1796);
        assertThat(replaced.json().get("createdAt")).isEqualTo(business.get("createdAt"));

        assertProblem(api.putJson("/v1/businesses/" + id, CAFE, owner.auth("If-Match", "\"0\"")), 412,
                "stale-version");
        assertProblem(api.delete("/v1/businesses/" + id, owner.auth("If-Match", "\"0\"")), 412, "stale-version");
        assertThat(api.get("/v1/businesses/" + id).json().get("latitude").asDouble()).isEqualTo(35.1796);

        assertThat(api.delete("/v1/businesses/" + id, owner.auth("If-Match", "\"1\"")).status()).isEqualTo(204);
        assertProblem(api.get("/v1/businesses/" + id), 404, "business-not-found");
        assertProblem(api.delete("/v1/businesses/" + id, owner.auth()), 404, "business-not-found");
    }

    @Test
    void storesGeohashAndS2CellComputedFromTheCoordinates() {
        String id = create(CAFE);
        assertCellIds(id, 37.5664, 126.9779);

        String moved = CAFE.replace("37.5664", "-33.8688").replace("126.9779", "151.2093");
        api.putJson("/v1/businesses/" + id, moved, owner.auth());
        assertCellIds(id, -33.8688, 151.2093);
    }

    private void assertCellIds(String id, double lat, double lng) {
        var row = jdbc.queryForMap("SELECT geohash, s2_cell FROM business WHERE id = ?", Long.parseLong(id));
        assertThat(row.get("geohash")).isEqualTo(Geohash.encode(lat, lng, 12));
        assertThat(row.get("s2_cell")).isEqualTo(S2Covering.leafCellId(lat, lng));
    }

    @Test
    void anotherOwnerMayNeitherReplaceNorDelete() {
        String id = create(CAFE);
        Owner intruder = api.newOwner();

        assertProblem(api.putJson("/v1/businesses/" + id, CAFE.replace("Onion", "Stolen"), intruder.auth()), 403,
                "forbidden");
        assertProblem(api.delete("/v1/businesses/" + id, intruder.auth()), 403, "forbidden");
        assertThat(api.get("/v1/businesses/" + id).json().get("name").asText()).isEqualTo("Cafe Onion");
    }

    @Test
    void anAdminMayManageAnyBusiness() {
        String id = create(CAFE);
        Owner admin = api.newOwner();
        ownerService.promoteToAdmin(admin.email());
        String adminToken = api.signIn(admin.email(), admin.password());

        Response replaced = api.putJson("/v1/businesses/" + id, CAFE.replace("Onion", "Checked"),
                "Authorization", "Bearer " + adminToken);
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("ownerId").asText()).isEqualTo(owner.id());
        assertThat(api.delete("/v1/businesses/" + id, "Authorization", "Bearer " + adminToken).status())
                .isEqualTo(204);
    }

    @Test
    void writesNeedAToken() {
        String id = create(CAFE);
        Response anonymous = api.postJson("/v1/businesses", CAFE);
        assertProblem(anonymous, 401, "unauthorized");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(api.delete("/v1/businesses/" + id, "Authorization", "Bearer not.a.token"), 401,
                "unauthorized");
        assertProblem(api.get("/v1/owners/me/businesses"), 401, "unauthorized");
    }

    @Test
    void listsAnOwnersBusinessesNewestFirstInPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(CAFE.replace("Onion", "Onion " + i)));
        }
        api.newOwner(); // someone else's businesses never show up
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Response page = api.get("/v1/owners/me/businesses?limit=2"
                    + (token == null ? "" : "&pageToken=" + token), owner.auth());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("businesses").forEach(b -> seen.add(b.get("id").asText()));
            JsonNode next = page.json().get("nextPageToken");
            token = next.isNull() ? null : next.asText();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(ids);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertFieldError(api.get("/v1/owners/me/businesses?pageToken=forged", owner.auth()), "pageToken");
    }

    @Nested
    class IdempotencyKey {

        @Test
        void replaysTheFirstAnswerForTheSameKeyAndBody() {
            Response first = api.postJson("/v1/businesses", CAFE, owner.auth("Idempotency-Key", "order-1"));
            Response retry = api.postJson("/v1/businesses", CAFE, owner.auth("Idempotency-Key", "order-1"));

            assertThat(first.status()).isEqualTo(201);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.json()).isEqualTo(first.json());
            assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(businessesOf(owner)).isEqualTo(1);
        }

        @Test
        void refusesTheSameKeyWithAnotherBody() {
            api.postJson("/v1/businesses", CAFE, owner.auth("Idempotency-Key", "order-2"));
            assertProblem(api.postJson("/v1/businesses", CAFE.replace("Onion", "Garlic"),
                    owner.auth("Idempotency-Key", "order-2")), 422, "idempotency-key-reused");
            assertThat(businessesOf(owner)).isEqualTo(1);
        }

        @Test
        void keysBelongToTheirOwner() {
            Owner other = api.newOwner();
            api.postJson("/v1/businesses", CAFE, owner.auth("Idempotency-Key", "shared"));
            Response theirs = api.postJson("/v1/businesses", CAFE, other.auth("Idempotency-Key", "shared"));
            assertThat(theirs.status()).isEqualTo(201);
            assertThat(theirs.json().get("ownerId").asText()).isEqualTo(other.id());
        }

        @Test
        void tenConcurrentIdenticalPostsCreateOneBusiness() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Callable<Response>> posts = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    posts.add(() -> api.postJson("/v1/businesses", CAFE, owner.auth("Idempotency-Key", "race")));
                }
                Set<String> createdIds = new HashSet<>();
                for (Future<Response> f : pool.invokeAll(posts)) {
                    Response r = f.get();
                    assertThat(r.status()).as(r.body()).isIn(201, 409);
                    if (r.status() == 201) {
                        createdIds.add(r.json().get("id").asText());
                    } else {
                        assertProblem(r, 409, "idempotency-key-in-progress");
                    }
                }
                assertThat(createdIds).hasSize(1);
                assertThat(businessesOf(owner)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class RejectedRequests {

        @Test
        void writeNothing() {
            long before = jdbc.queryForObject("SELECT count(*) FROM business", Long.class);
            String big = "{\"name\":\"" + "a".repeat(70_000) + "\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":2}";

            assertProblem(api.postJson("/v1/businesses", "{\"name\":", owner.auth()), 400, "malformed-json");
            assertProblem(api.postJson("/v1/businesses", "[1, 2]", owner.auth()), 400, "validation-failed");
            assertProblem(api.postJson("/v1/businesses", big, owner.auth()), 413, "payload-too-large");
            assertProblem(api.send("POST", "/v1/businesses", "text/plain", CAFE, owner.auth()), 415,
                    "unsupported-media-type");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("\"cafe\"", "\"Cafe!\""), owner.auth()),
                    "category");
            assertFieldError(api.postJson("/v1/businesses", withField("\"id\": \"1\""), owner.auth()),
                    "id");
            assertFieldError(api.postJson("/v1/businesses", withField("\"ownerId\": \"1\""),
                    owner.auth()), "ownerId");
            assertFieldError(api.postJson("/v1/businesses", withField("\"rating\": 5"), owner.auth()),
                    "rating");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("37.5664", "\"45d\""), owner.auth()),
                    "latitude");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("37.5664", "\"NaN\""), owner.auth()),
                    "latitude");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("37.5664", "\"\""), owner.auth()),
                    "latitude");
            assertProblem(api.postJson("/v1/businesses", CAFE.replace("37.5664", "NaN"), owner.auth()), 400,
                    "malformed-json");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("37.5664", "1e400"), owner.auth()),
                    "latitude");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("Cafe Onion", "Cafe\\u0000Onion"),
                    owner.auth()), "name");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("\"kr\"", "\"XX\""), owner.auth()),
                    "country");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("Asia/Seoul", "Mars/Base"), owner.auth()),
                    "timeZone");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("https://cafe.example",
                    "javascript:alert(1)"), owner.auth()), "website");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("\"18:00\"", "\"02:00\""), owner.auth()),
                    "hours[0].close");
            assertFieldError(api.postJson("/v1/businesses", CAFE.replace("FRIDAY", "FUNDAY"), owner.auth()),
                    "hours[0].day");
            assertFieldError(api.postJson("/v1/businesses", CAFE, owner.auth("Idempotency-Key", "")),
                    "Idempotency-Key");

            assertThat(jdbc.queryForObject("SELECT count(*) FROM business", Long.class)).isEqualTo(before);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE owner_id = ?", Long.class,
                    Long.parseLong(owner.id()))).isZero();
        }

        @Test
        void answerMalformedAndUnknownIdsWithoutA500() {
            assertProblem(api.get("/v1/businesses/abc"), 400, "malformed-id");
            assertProblem(api.get("/v1/businesses/-5"), 400, "malformed-id");
            assertProblem(api.get("/v1/businesses/99999999999999999999999"), 404, "business-not-found");
            assertProblem(api.get("/v1/businesses/0"), 404, "business-not-found");
            assertProblem(api.get("/v1/businesses/123"), 404, "business-not-found");
        }

        @Test
        void answerUnsupportedMethodsWith405() {
            String id = create(CAFE);
            Response patch = api.send("PATCH", "/v1/businesses/" + id, "application/json", "{}", owner.auth());
            assertProblem(patch, 405, "method-not-allowed");
            assertThat(patch.header("Allow")).contains("PUT");
            assertProblem(api.send("TRACE", "/v1/businesses/" + id, null, null), 405, "method-not-allowed");
        }
    }

    private static String withField(String field) {
        return "{" + field + ", " + CAFE.substring(CAFE.indexOf('{') + 1);
    }

    private String create(String json) {
        Response created = api.postJson("/v1/businesses", json, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private long businessesOf(Owner o) {
        return jdbc.queryForObject("SELECT count(*) FROM business WHERE owner_id = ?", Long.class,
                Long.parseLong(o.id()));
    }
}
