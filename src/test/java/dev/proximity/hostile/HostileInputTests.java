package dev.proximity.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.FullWidth;
import dev.proximity.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request of {@code hostile/corpus.json} against the running app: the expected status, problem+json
 * without internals for every error (with the {@code field} or import {@code line} it names, where the entry
 * says), never a 5xx, and no row written by a rejected request. Legal but unusual input (emoji, right-to-left
 * text, zero-width characters, SQL) must come back byte for byte. An entry with {@code stallAfter} sends only
 * that many bytes of its body and then waits, as a stalled client does.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPEAT = Pattern.compile("\\{\\{(.)\\*(\\d+)}}");
    private static final Pattern BYTE = Pattern.compile("\\{\\{byte:([0-9a-f]{2})}}");
    private static final List<String> TABLES = List.of("business", "owner", "idempotency_key");
    private static final List<String> INTERNALS = List.of("Exception", "at dev.", "at org.", "at java.",
            "com.fasterxml", "org.postgresql", "SQLState", "Hibernate", "jakarta.", "java.lang");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private ApiClient.Owner owner;
    private String ownBusinessId;
    private String otherBusinessId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        if (owner == null) {
            owner = api.newOwner();
            ownBusinessId = create(owner, "{\"name\":\"Own\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":2}");
            otherBusinessId = create(api.newOwner(),
                    "{\"name\":\"Other\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":2}");
        }
    }

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        // accounts.json: other forms of the owner's e-mail ({{ownerEmail...}}) at registration and sign-in
        for (String file : List.of("/hostile/corpus.json", "/hostile/accounts.json")) {
            try (InputStream in = HostileInputTests.class.getResourceAsStream(file)) {
                for (Iterator<JsonNode> it = JSON.readTree(in).elements(); it.hasNext(); ) {
                    JsonNode entry = it.next();
                    cases.add(Arguments.of(entry.get("name").asText(), entry));
                }
            }
        }
        return cases.stream();
    }

    @Test
    void theCorpusHasAtLeastSixtyRequestsWithDistinctNames() throws IOException {
        List<Arguments> cases = corpus().toList();
        Set<Object> names = new HashSet<>();
        cases.forEach(c -> names.add(c.get()[0]));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(names).hasSameSizeAs(cases);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answersEachHostileRequestAsItDeserves(String name, JsonNode entry) throws IOException {
        Map<String, Long> before = rowCounts();
        Reply reply = send(entry);
        int expected = entry.get("status").asInt();

        assertThat(reply.status()).as("%s: %s", name, reply.body()).isLessThan(500).isEqualTo(expected);
        assertThat(reply.body()).as(name).doesNotContain(INTERNALS);
        if (expected >= 400) {
            assertThat(reply.contentType()).as(name).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(reply.body());
            assertThat(problem.path("status").asInt()).isEqualTo(expected);
            assertThat(problem.path("title").asText()).isNotBlank();
            if (entry.has("type")) {
                assertThat(problem.path("type").asText()).isEqualTo("/problems/" + entry.get("type").asText());
            }
            if (entry.has("field")) {
                assertThat(problem.path("errors").findValuesAsText("field")).as("%s names the field", name)
                        .contains(entry.get("field").asText());
            }
            if (entry.has("line")) {
                assertThat(problem.path("errors").findValuesAsText("line")).as("%s names the line", name)
                        .contains(entry.get("line").asText());
            }
            assertThat(rowCounts()).as("%s wrote something", name).isEqualTo(before);
        }
        if (entry.has("echo")) {
            assertRoundTrip(entry, reply);
        }
    }

    @Test
    void tenConcurrentIdenticalPostsWithOneIdempotencyKeyCreateOneBusiness() throws Exception {
        String key = "concurrent-" + UUID.randomUUID();
        String name = "Concurrent " + UUID.randomUUID();
        String body = "{\"name\":\"" + name + "\",\"category\":\"cafe\",\"latitude\":3,\"longitude\":4}";
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Callable<ApiClient.Response> call = () -> {
                    start.await();
                    return api.postJson("/v1/businesses", body, owner.auth("Idempotency-Key", key));
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response response = answer.get();
                assertThat(response.status()).as(response.body()).isIn(201, 409);
                if (response.status() == 201) {
                    created++;
                    ids.add(response.json().get("id").asText());
                } else {
                    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                }
            }
            assertThat(created).isGreaterThanOrEqualTo(1);
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business WHERE name = ?", Long.class, name))
                .isEqualTo(1);
        // a retry after the dust settles replays the one business
        ApiClient.Response replay = api.postJson("/v1/businesses", body, owner.auth("Idempotency-Key", key));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    }

    private void assertRoundTrip(JsonNode entry, Reply reply) throws IOException {
        JsonNode sent = JSON.readTree(expand(entry.get("body").asText()));
        JsonNode created = JSON.readTree(reply.body());
        ApiClient.Response read = api.get("/v1/businesses/" + created.get("id").asText());
        assertThat(read.status()).isEqualTo(200);
        for (JsonNode field : entry.get("echo")) {
            String value = sent.get(field.asText()).asText();
            assertThat(created.get(field.asText()).asText().getBytes(StandardCharsets.UTF_8))
                    .as("%s in the 201", field).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
            assertThat(read.json().get(field.asText()).asText().getBytes(StandardCharsets.UTF_8))
                    .as("%s read back", field).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Reply send(JsonNode entry) {
        String method = entry.get("method").asText();
        String path = expand(entry.get("path").asText());
        List<String> headers = new ArrayList<>();
        String auth = entry.path("auth").asText("none");
        if ("owner".equals(auth)) {
            headers.add("Authorization");
            headers.add("Bearer " + owner.token());
        } else if ("bogus".equals(auth)) {
            headers.add("Authorization");
            headers.add("Bearer not.a.token");
        }
        if (entry.hasNonNull("contentType")) {
            headers.add("Content-Type");
            headers.add(entry.get("contentType").asText());
        }
        entry.path("headers").fields().forEachRemaining(h -> {
            headers.add(h.getKey());
            headers.add(expand(h.getValue().asText()));
        });
        byte[] body = entry.has("body") ? bytes(expand(entry.get("body").asText())) : null;
        RawHttp.Reply reply = entry.has("stallAfter")
                // a slow client: the first bytes of the body, then nothing (it is answered after the read timeout)
                ? RawHttp.sendStalling(port, method, path, body, entry.get("stallAfter").asInt(),
                        headers.toArray(String[]::new))
                : RawHttp.send(port, method, path, body, entry.path("chunked").asBoolean(false),
                        headers.toArray(String[]::new));
        return new Reply(reply.status(), reply.header("Content-Type"), reply.body());
    }

    private String expand(String template) {
        String text = template.replace("{{id}}", ownBusinessId).replace("{{otherId}}", otherBusinessId)
                .replace("{{ownerEmailFullWidthUpper}}", FullWidth.of(owner.email().toUpperCase(Locale.ROOT)))
                .replace("{{ownerEmailFullWidth}}", FullWidth.of(owner.email()))
                .replace("{{ownerEmailUpper}}", owner.email().toUpperCase(Locale.ROOT))
                .replace("{{ownerEmail}}", owner.email());
        Matcher repeat = REPEAT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(out, Matcher.quoteReplacement(
                    repeat.group(1).repeat(Integer.parseInt(repeat.group(2)))));
        }
        return repeat.appendTail(out).toString();
    }

    /** UTF-8, except that {@code {{byte:ff}}} puts that raw byte in (invalid UTF-8 on purpose). */
    private static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher raw = BYTE.matcher(text);
        int at = 0;
        while (raw.find()) {
            out.writeBytes(text.substring(at, raw.start()).getBytes(StandardCharsets.UTF_8));
            out.write(Integer.parseInt(raw.group(1), 16));
            at = raw.end();
        }
        out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        return counts;
    }

    private String create(ApiClient.Owner by, String body) {
        ApiClient.Response created = api.postJson("/v1/businesses", body, by.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private record Reply(int status, String contentType, String body) {
    }
}
