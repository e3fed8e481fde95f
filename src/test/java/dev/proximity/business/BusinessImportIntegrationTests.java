package dev.proximity.business;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/businesses/import}: atomic CSV and NDJSON loads through COPY. */
@ApiIntegrationTest
class BusinessImportIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    Owner owner;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        owner = api.newOwner();
    }

    @Test
    void importsCsvWithQuotedFieldsAndOnlyTheColumnsGiven() {
        String csv = """
                name,category,latitude,longitude,city,country,website
                "Cafe, \"\"Onion\"\"",cafe,37.5664,126.9779,Seoul,kr,https://cafe.example
                Tab\tand \\ backslash,bakery,-33.8688,151.2093,Sydney,AU,
                Pole Station,research,-90,180,,,
                "Caf\u00e9 \u00dcml\u00e4ut \ud83c\udf5c\tand \\ after",cafe,47.37,8.54,Z\u00fcrich,CH,
                """;
        Response imported = importAs("text/csv", csv);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asLong()).isEqualTo(4);

        JsonNode mine = api.get("/v1/owners/me/businesses", owner.auth()).json().get("businesses");
        assertThat(mine).hasSize(4);
        // the last name has non-ASCII text (a surrogate pair too) before a tab and a backslash
        assertThat(mine.findValuesAsText("name")).containsExactlyInAnyOrder("Cafe, \"Onion\"",
                "Tab\tand \\ backslash", "Pole Station", "Caf\u00e9 \u00dcml\u00e4ut \ud83c\udf5c\tand \\ after");
        assertThat(mine.findValuesAsText("city")).contains("Z\u00fcrich");
        JsonNode cafe = api.get("/v1/businesses/" + idOf(mine, "Cafe, \"Onion\"")).json();
        assertThat(cafe.get("country").asText()).isEqualTo("KR");
        assertThat(cafe.get("latitude").asDouble()).isEqualTo(37.5664);
        assertThat(cafe.get("website").asText()).isEqualTo("https://cafe.example");
        assertThat(cafe.get("version").asLong()).isZero();
        var cells = jdbc.queryForMap("SELECT geohash, s2_cell FROM business WHERE id = ?",
                Long.parseLong(cafe.get("id").asText()));
        assertThat(cells.get("geohash")).isEqualTo(Business.geohashOf(37.5664, 126.9779));
        assertThat(cells.get("s2_cell")).isEqualTo(Business.s2CellOf(37.5664, 126.9779));
    }

    @Test
    void importsNdjsonWithHours() {
        String ndjson = """
                {"name":"Night Bar","category":"bar","latitude":52.52,"longitude":13.405,"timeZone":"Europe/Berlin","hours":[{"day":"SATURDAY","open":"20:00","close":"04:00"}]}

                {"name":"Day Cafe","category":"cafe","latitude":48.8566,"longitude":2.3522}
                """;
        Response imported = importAs("application/x-ndjson", ndjson);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asLong()).isEqualTo(2);
        JsonNode mine = api.get("/v1/owners/me/businesses", owner.auth()).json().get("businesses");
        JsonNode bar = api.get("/v1/businesses/" + idOf(mine, "Night Bar")).json();
        assertThat(bar.get("hours").get(0).get("close").asText()).isEqualTo("04:00");
    }

    @Test
    void rejectsTheWholeFileAndListsEveryBadLine() {
        String csv = """
                name,category,latitude,longitude
                Good One,cafe,1,1
                Too Far North,cafe,91,1
                Bad Category,Cafe!,1,1
                Hex,cafe,0x10,1
                Short,cafe,1
                Good Two,cafe,2,2
                """;
        Response rejected = importAs("text/csv", csv);
        JsonNode problem = assertProblem(rejected, 422, "import-rejected");
        assertThat(problem.get("errors").findValues("line")).extracting(JsonNode::asInt)
                .containsExactly(3, 4, 5, 6);
        assertThat(problem.get("errorCount").asInt()).isEqualTo(4);
        assertThat(businessesOfOwner()).isZero();
    }

    @Test
    void rejectsBadNdjsonLinesWithTheirPhysicalLineNumbers() {
        String ndjson = """
                {"name":"Fine","category":"cafe","latitude":1,"longitude":2}

                {"name":"Coerced","category":"cafe","latitude":"45d","longitude":2}
                {"name":"Mass assignment","category":"cafe","latitude":1,"longitude":2,"ownerId":"1"}
                {broken
                """;
        JsonNode problem = assertProblem(importAs("application/x-ndjson", ndjson), 422, "import-rejected");
        assertThat(problem.get("errors").findValues("line")).extracting(JsonNode::asInt).containsExactly(3, 4, 5);
        assertThat(businessesOfOwner()).isZero();
    }

    @Test
    void refusesNulInACsvFieldNamingTheLineAndTheColumn() {
        String csv = "name,category,latitude,longitude,address\n"
                + "Fine,cafe,1,1,Main Street\n"
                + "Nul,cafe,1,1,\"Main\u0000Street\"\n"
                + "Also fine,cafe,2,2,\n";
        JsonNode problem = assertProblem(importAs("text/csv", csv), 422, "import-rejected");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(problem.get("errors").get(0).get("message").asText())
                .isEqualTo("address must not contain NUL characters");
        assertThat(businessesOfOwner()).isZero();
    }

    @Test
    void refusesBytesThatAreNotUtf8NamingTheirLine() {
        for (String contentType : new String[] {"text/csv", "application/x-ndjson"}) {
            boolean csv = contentType.equals("text/csv");
            String good = csv ? "Fine,cafe,1,1\n" : "{\"name\":\"Fine\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":1}\n";
            byte[] body = concat((csv ? "name,category,latitude,longitude\n" : "") + good + good + "Caf",
                    new byte[] {(byte) 0xC3, '(', 0}, ",cafe,1,1\n" + good);
            JsonNode problem = rejectedRaw(contentType, body);
            assertThat(problem.get("errors").findValues("line")).extracting(JsonNode::asInt)
                    .as(contentType).containsExactly(csv ? 4 : 3);
            assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("is not valid UTF-8");
        }
        assertThat(businessesOfOwner()).isZero();
    }

    @Test
    void refusesUnpairedSurrogatesInNdjsonEscapedOrAsRawBytesNamingLineAndField() {
        String fine = "{\"name\":\"Fine\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":1}\n";
        String ndjson = fine
                + "{\"name\":\"High\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":1,\"city\":\"a\\ud800\"}\n"
                + "{\"name\":\"Low \\udc00\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":1}\n"
                + "{\"name\":\"Nul\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":1,\"state\":\"\\u0000\"}\n"
                + fine;
        JsonNode problem = assertProblem(importAs("application/x-ndjson", ndjson), 422, "import-rejected");
        assertThat(problem.get("errors").findValues("line")).extracting(JsonNode::asInt).containsExactly(2, 3, 4);
        assertThat(problem.get("errors").findValues("message")).extracting(JsonNode::asText).containsExactly(
                "city must be valid Unicode text (it has an unpaired surrogate)",
                "name must be valid Unicode text (it has an unpaired surrogate)",
                "state must not contain NUL characters");
        // a surrogate encoded as UTF-8 bytes (ED A0 80) is not UTF-8 at all
        byte[] raw = concat(fine + "{\"name\":\"Raw ", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                "\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":1}\n");
        JsonNode rawProblem = rejectedRaw("application/x-ndjson", raw);
        assertThat(rawProblem.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(businessesOfOwner()).isZero();
    }

    @Test
    void rejectsAHeaderWithUnknownOrMissingColumns() {
        assertProblem(importAs("text/csv", "name,category,lat,lon\nA,cafe,1,1\n"), 422, "import-rejected");
        assertProblem(importAs("text/csv", "name,category,latitude\nA,cafe,1\n"), 422, "import-rejected");
        assertThat(businessesOfOwner()).isZero();
    }

    @Test
    void needsATokenAndAKnownContentType() {
        assertProblem(api.send("POST", "/v1/businesses/import", "text/csv", "name\n"), 401, "unauthorized");
        assertProblem(api.send("POST", "/v1/businesses/import", "application/json", "[]", owner.auth()), 415,
                "unsupported-media-type");
    }

    /** An import body of raw bytes (invalid UTF-8 on purpose), answered as a 422 problem. */
    private JsonNode rejectedRaw(String contentType, byte[] body) {
        RawHttp.Reply reply = RawHttp.send(port, "POST", "/v1/businesses/import", body, false,
                "Authorization", "Bearer " + owner.token(), "Content-Type", contentType);
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        try {
            JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body());
            assertThat(problem.get("type").asText()).isEqualTo("/problems/import-rejected");
            return problem;
        } catch (java.io.IOException e) {
            throw new AssertionError(reply.body(), e);
        }
    }

    private static byte[] concat(String before, byte[] raw, String after) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(before.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(raw);
        out.writeBytes(after.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private Response importAs(String contentType, String body) {
        return api.send("POST", "/v1/businesses/import", contentType, body, owner.auth());
    }

    private long businessesOfOwner() {
        return jdbc.queryForObject("SELECT count(*) FROM business WHERE owner_id = ?", Long.class,
                Long.parseLong(owner.id()));
    }

    private static String idOf(JsonNode businesses, String name) {
        for (JsonNode b : businesses) {
            if (b.get("name").asText().equals(name)) {
                return b.get("id").asText();
            }
        }
        throw new AssertionError("no business named " + name);
    }
}
