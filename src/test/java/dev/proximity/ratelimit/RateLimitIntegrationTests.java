package dev.proximity.ratelimit;

import dev.proximity.support.EmbeddedServersOnly;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.crypto.SecretKey;

import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.FullWidth;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default limits over HTTP, against the context's real Redis. The test client connects from 127.0.0.1,
 * which is the trusted proxy here, so each test picks its own client address with {@code X-Forwarded-For}.
 * The buckets' clock stands still, so no token comes back while a test runs and every count is exact.
 */
@ApiIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
@TestPropertySource(properties = {
        "proximity.trusted-proxies=127.0.0.1/32",
        "proximity.rate-limit.search.rate=20", "proximity.rate-limit.search.per=1s",
        "proximity.rate-limit.search.burst=40",
        "proximity.rate-limit.writes.rate=10", "proximity.rate-limit.writes.per=1s",
        "proximity.rate-limit.writes.burst=30",
        "proximity.rate-limit.sign-in-email.rate=5", "proximity.rate-limit.sign-in-email.per=1m",
        "proximity.rate-limit.sign-in-email.burst=5",
        "proximity.rate-limit.sign-in-client.rate=30", "proximity.rate-limit.sign-in-client.per=1m",
        "proximity.rate-limit.sign-in-client.burst=30"})
@EmbeddedServersOnly("stops and restarts its Redis")
class RateLimitIntegrationTests {

    private static final String SEARCH = "/v1/search/nearby?latitude=48.85&longitude=2.35&radius=100";

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    @Autowired
    SecretKey tokenSigningKey;

    @Autowired
    RateLimitProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TimeMeter clock;

    private ApiClient api;
    private JedisPool otherInstancePool;
    private RateLimiter otherInstance;

    @BeforeEach
    void clients() {
        api = new ApiClient(port);
        // What a second app instance has: its own pool, bucket proxies and breaker, on the same Redis.
        otherInstancePool = new JedisPool("127.0.0.1", servers.redis().port());
        ProxyManager<String> buckets = Bucket4jJedis.casBasedBuilder(otherInstancePool).keyMapper(Mapper.STRING)
                .clientClock(clock).build();
        otherInstance = new RateLimiter(properties, buckets, new BucketKeys(tokenSigningKey),
                CircuitBreaker.ofDefaults("other-instance"), () -> { });
    }

    @AfterEach
    void close() {
        otherInstancePool.close();
    }

    @Test
    @Order(1)
    void searchesBeyondTheBurstAre429WithRetryAfterAndRateLimitFields() {
        String client = "203.0.113.10";
        ApiClient.Response first = api.get(SEARCH, "X-Forwarded-For", client);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"search\";q=40;w=2");
        assertThat(first.header("RateLimit")).isEqualTo("\"search\";r=39;t=1");

        for (int i = 2; i <= 40; i++) {
            assertThat(api.get(SEARCH, "X-Forwarded-For", client).status()).as("search %d", i).isEqualTo(200);
        }
        ApiClient.Response refused = api.get(SEARCH, "X-Forwarded-For", client);
        assertProblem(refused, 429, "rate-limited");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"search\";q=40;w=2");
        assertThat(refused.header("RateLimit")).isEqualTo("\"search\";r=0;t=2");
        // another client is not affected
        assertThat(api.get(SEARCH, "X-Forwarded-For", "203.0.113.11").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void bucketsAreSharedByEveryInstanceOnTheSameRedis() {
        String client = "203.0.113.20";
        drain(LimitKind.SEARCH, client);
        assertProblem(api.get(SEARCH, "X-Forwarded-For", client), 429, "rate-limited");

        try (Jedis jedis = otherInstancePool.getResource()) {
            assertThat(jedis.keys("px:v1:rl:search:*")).isNotEmpty()
                    .allSatisfy(key -> assertThat(key).matches("px:v1:rl:search:[A-Za-z0-9_-]{22}")
                            .doesNotContain("203.0.113"));
        }
    }

    @Test
    @Order(3)
    void forwardedForCountsOnlyFromTrustedProxies() throws IOException {
        String client = "203.0.113.30";
        drain(LimitKind.SEARCH, client);
        assertThat(api.get(SEARCH, "X-Forwarded-For", client).status()).isEqualTo(429);
        // the same header from an untrusted peer (127.0.0.2) is ignored: the peer's own bucket is used
        assertThat(statusFrom("127.0.0.2", client)).isEqualTo(200);
        // and changing the header there does not buy a fresh bucket
        drain(LimitKind.SEARCH, "127.0.0.3");
        assertThat(statusFrom("127.0.0.3", "198.51.100.77")).isEqualTo(429);
        drain(LimitKind.SEARCH, "127.0.0.3");
        assertThat(statusFrom("127.0.0.3", "198.51.100.78")).isEqualTo(429);
    }

    @Test
    @Order(4)
    void writesAreLimitedPerOwnerAndARefusedWriteWritesNothing() {
        ApiClient.Owner owner = api.newOwner();
        ApiClient.Owner other = api.newOwner();
        Integer before = jdbc.queryForObject("SELECT count(*) FROM business", Integer.class);
        String body = "{\"name\":\"Cafe\",\"category\":\"cafe\",\"latitude\":1.5,\"longitude\":2.5}";
        drain(LimitKind.WRITES, owner.id());
        ApiClient.Response refused = api.postJson("/v1/businesses", body, owner.auth());
        assertProblem(refused, 429, "rate-limited");
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"writes\";q=30;w=3");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business", Integer.class)).isEqualTo(before);

        ApiClient.Response created = api.postJson("/v1/businesses", body, other.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("RateLimit")).startsWith("\"writes\";r=29;");
    }

    @Test
    @Order(5)
    void signInIsLimitedPerEmailWhateverItsCase() {
        ApiClient.Owner owner = api.newOwner();
        String wrong = "{\"email\":\"%s\",\"password\":\"not the password\"}";
        // newOwner signed in once; four more wrong attempts use up the burst of five
        for (int i = 0; i < 4; i++) {
            String email = i % 2 == 0 ? owner.email() : owner.email().toUpperCase();
            assertThat(api.postJson("/v1/auth/token", wrong.formatted(email), "X-Forwarded-For",
                    "203.0.113." + (100 + i)).status()).isEqualTo(401);
        }
        ApiClient.Response refused = api.postJson("/v1/auth/token",
                "{\"email\":\"" + owner.email() + "\",\"password\":\"" + owner.password() + "\"}",
                "X-Forwarded-For", "203.0.113.120");
        assertProblem(refused, 429, "rate-limited");
        assertThat(refused.header("RateLimit-Policy"))
                .isEqualTo("\"sign-in-client\";q=30;w=60, \"sign-in-email\";q=5;w=60");
        assertThat(refused.header("Retry-After")).isEqualTo("12");
    }

    @Test
    @Order(6)
    void signInAndRegistrationAreLimitedPerClientAddress() {
        String client = "203.0.113.40";
        Integer owners = jdbc.queryForObject("SELECT count(*) FROM owner", Integer.class);
        drain(LimitKind.SIGN_IN_CLIENT, client);
        ApiClient.Response refused = api.postJson("/v1/owners",
                "{\"email\":\"flood@example.com\",\"password\":\"a long passphrase\",\"name\":\"F\"}",
                "X-Forwarded-For", client);
        assertProblem(refused, 429, "rate-limited");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM owner", Integer.class)).isEqualTo(owners);
        assertProblem(api.postJson("/v1/auth/token", "{\"email\":\"a@example.com\",\"password\":\"x\"}",
                "X-Forwarded-For", client), 429, "rate-limited");
    }

    /**
     * Issue #20: the bucket was keyed by {@code trim().toLowerCase()} and the lookup by {@code strip()} and SQL
     * {@code lower()}, so a trailing U+3000 (or full-width letters) reached the same account from a fresh
     * bucket: unlimited guesses. Each form here is tried from its own address, so only the e-mail bucket counts.
     */
    @Test
    @Order(7)
    void signInIsLimitedPerEmailWhateverItsUnicodeForm() {
        ApiClient.Owner owner = api.newOwner();
        String wrong = "{\"email\":\"%s\",\"password\":\"not the password\"}";
        String[] forms = {owner.email() + "\\u3000", FullWidth.of(owner.email()), "\\u00a0" + owner.email().toUpperCase(),
                owner.email() + "\\u2003"};
        // newOwner signed in once; four more wrong attempts, each in another form, use up the burst of five
        for (int i = 0; i < forms.length; i++) {
            assertThat(api.postJson("/v1/auth/token", wrong.formatted(forms[i]), "X-Forwarded-For",
                    "203.0.113." + (130 + i)).status()).as(forms[i]).isEqualTo(401);
        }
        ApiClient.Response refused = api.postJson("/v1/auth/token",
                "{\"email\":\"" + owner.email() + "\\u3000\",\"password\":\"" + owner.password() + "\"}",
                "X-Forwarded-For", "203.0.113.139");
        assertProblem(refused, 429, "rate-limited");
        assertThat(refused.header("RateLimit")).contains("\"sign-in-email\";r=0");
    }

    /**
     * Issue #20: buckets were per full IPv6 address, and one /64 holds 2^64 of them. An IPv6 client draws from
     * its /64's bucket; another /64 has its own.
     */
    @Test
    @Order(8)
    void ipv6ClientsShareOneBucketPerSlash64() {
        drain(LimitKind.SEARCH, "2001:db8:1:2::1");
        assertProblem(api.get(SEARCH, "X-Forwarded-For", "2001:db8:1:2::1"), 429, "rate-limited");
        for (String sameSlash64 : new String[] {"2001:db8:1:2::2", "2001:db8:1:2:ffff:ffff:ffff:ffff",
                "2001:DB8:1:2:0:0:0:abcd", "2001:db8:1:2:a:b:c:d"}) {
            assertProblem(api.get(SEARCH, "X-Forwarded-For", sameSlash64), 429, "rate-limited");
        }
        assertThat(api.get(SEARCH, "X-Forwarded-For", "2001:db8:1:3::1").status()).as("the next /64").isEqualTo(200);

        drain(LimitKind.SIGN_IN_CLIENT, "2001:db8:5:6::1");
        assertProblem(api.postJson("/v1/auth/token", "{\"email\":\"a@example.com\",\"password\":\"x\"}",
                "X-Forwarded-For", "2001:db8:5:6:1234::99"), 429, "rate-limited");
    }

    @Test
    @Order(9)
    void ipv4StaysPerAddressAndIpv4MappedIpv6IsThatIpv4Client() {
        drain(LimitKind.SEARCH, "203.0.113.60");
        assertProblem(api.get(SEARCH, "X-Forwarded-For", "::ffff:203.0.113.60"), 429, "rate-limited");
        assertProblem(api.get(SEARCH, "X-Forwarded-For", "::ffff:cb00:713c"), 429, "rate-limited");
        assertThat(api.get(SEARCH, "X-Forwarded-For", "203.0.113.61").status()).as("the next address").isEqualTo(200);
    }

    /**
     * Issue #20: the owner pages' sign-in form had no limit, so a session could guess a chosen e-mail's password
     * without end. The form and the API now draw from the same e-mail bucket: two wrong guesses by the API and
     * two by the form (each from its own address) leave none for a fifth, and the form says so to a person.
     */
    @Test
    @Order(10)
    void theSignInFormDrawsFromTheApisEmailBucket() {
        ApiClient.Owner owner = api.newOwner(); // signed in once: one token of five gone
        String wrong = "{\"email\":\"" + owner.email() + "\",\"password\":\"not the password\"}";
        for (String client : new String[] {"203.0.113.140", "203.0.113.141"}) {
            assertThat(api.postJson("/v1/auth/token", wrong, "X-Forwarded-For", client).status()).isEqualTo(401);
        }
        for (String client : new String[] {"203.0.113.142", "203.0.113.143"}) {
            PageClient browser = new PageClient(port).withHeader("X-Forwarded-For", client);
            Page failed = browser.submit(browser.get("/signin"), "form[action$=/signin]",
                    Map.of("email", owner.email().toUpperCase(), "password", "not the password"));
            assertThat(failed.header("Location")).endsWith("/signin?error");
        }

        PageClient browser = new PageClient(port).withHeader("X-Forwarded-For", "203.0.113.144");
        Page refused = browser.submit(browser.get("/signin"), "form[action$=/signin]",
                Map.of("email", owner.email(), "password", owner.password()));
        assertTooManyAttemptsPage(refused);
        assertThat(refused.header("Retry-After")).isEqualTo("12");
        assertThat(refused.header("RateLimit-Policy"))
                .isEqualTo("\"sign-in-client\";q=30;w=60, \"sign-in-email\";q=5;w=60");
        assertThat(browser.get("/owner/businesses").header("Location")).as("not signed in").endsWith("/signin");
        assertProblem(api.postJson("/v1/auth/token", wrong, "X-Forwarded-For", "203.0.113.145"), 429,
                "rate-limited");
    }

    @Test
    @Order(11)
    void theSignInFormIsLimitedPerClientAddressLikeTheApi() {
        String client = "203.0.113.150";
        drain(LimitKind.SIGN_IN_CLIENT, client);
        PageClient browser = new PageClient(port).withHeader("X-Forwarded-For", client);
        Page refused = browser.submit(browser.get("/signin"), "form[action$=/signin]",
                Map.of("email", "someone-" + client + "@example.com", "password", "a guess"));
        assertTooManyAttemptsPage(refused);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"sign-in-client\";q=30;w=60");
    }

    @Test
    @Order(12)
    void theSignUpFormIsLimitedPerClientAddressLikeTheApi() {
        String client = "203.0.113.160";
        Integer owners = jdbc.queryForObject("SELECT count(*) FROM owner", Integer.class);
        drain(LimitKind.SIGN_IN_CLIENT, client);
        PageClient browser = new PageClient(port).withHeader("X-Forwarded-For", client);
        Page refused = browser.submit(browser.get("/signup"), "form[action$=/signup]",
                Map.of("name", "Flood", "email", "flood-form@example.com", "password", "a long passphrase"));
        assertTooManyAttemptsPage(refused);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM owner", Integer.class)).isEqualTo(owners);
    }

    @Test
    @Order(100)
    void withRedisStoppedRequestsPassAndTheOutageIsLoggedOnceAndSoIsTheRecovery(CapturedOutput output) {
        String client = "203.0.113.50";
        servers.redis().stop();
        try {
            for (int i = 0; i < 60; i++) {
                long started = System.nanoTime();
                ApiClient.Response response = api.get(SEARCH, "X-Forwarded-For", client);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("RateLimit")).isNull();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            servers.redis().restart();
        }
        assertThat(occurrences(output.getOut(), "rate limits are not enforced")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.get(SEARCH, "X-Forwarded-For", client).header("RateLimit")).isNotNull());
        assertThat(occurrences(output.getOut(), "Redis reachable again: rate limits are enforced")).isEqualTo(1);
        assertThat(occurrences(output.getOut(), "rate limits are not enforced")).isEqualTo(1);
    }

    /** The 429 page for people: HTML under the strict CSP, Retry-After, nothing inline. */
    private static void assertTooManyAttemptsPage(Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(429);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(Long.parseLong(page.header("Retry-After"))).isPositive();
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.document().select("h1").text()).isEqualTo("Too many attempts");
        assertThat(page.document().select("script:not([src]), style, [style]")).isEmpty();
        assertThat(page.body()).doesNotContain("Exception", "password");
    }

    /** Empties a bucket through the other instance. */
    private void drain(LimitKind kind, String subject) {
        for (int i = 0; i < 1000; i++) {
            if (!otherInstance.consume(kind, subject).allowed()) {
                return;
            }
        }
        throw new AssertionError("the bucket never ran dry");
    }

    /** Time for the buckets only: it moves when a test says so, and no test does. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StoppedClock {

        @Bean
        TimeMeter rateLimitClock() {
            long now = System.currentTimeMillis() * 1_000_000L;
            return new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return now;
                }

                @Override
                public boolean isWallClockBased() {
                    return true;
                }
            };
        }
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    /** A search over a raw socket bound to {@code localAddress}, an untrusted loopback peer. */
    private int statusFrom(String localAddress, String forwardedFor) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + SEARCH + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + forwardedFor
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(response.substring(9, 12));
        }
    }
}
