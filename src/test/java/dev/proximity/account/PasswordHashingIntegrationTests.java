package dev.proximity.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #20: Argon2 holds its whole memory cost on the heap while it hashes, every sign-in hashes (an unknown
 * e-mail too), and nothing bounded how many ran at once: some 30 parallel sign-ins filled a 512 MiB heap.
 * Here the bound is 2 and the wait 200 ms; the app's password encoder is wrapped to count the hashes running.
 */
@ApiIntegrationTest
@TestPropertySource(properties = {"proximity.security.password.max-concurrent-hashes=2",
        "proximity.security.password.hash-wait=200ms"})
class PasswordHashingIntegrationTests {

    private static final Pattern ARGON2ID =
            Pattern.compile("\\{argon2}\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$.*");

    @LocalServerPort
    int port;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private CountingPasswordEncoder hashes;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        hashes = (CountingPasswordEncoder) passwordEncoder;
        hashes.peak.set(0);
    }

    @AfterEach
    void releaseHeldHashes() {
        hashes.release.countDown();
    }

    /** The attack: thirty sign-ins for unknown e-mails at once. Never more than two hashes run together. */
    @Test
    void thirtyParallelSignInsNeverHashMoreThanTheBoundAtOnce() throws Exception {
        ExecutorService attackers = Executors.newFixedThreadPool(30);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String body = "{\"email\":\"nobody-" + i + "@example.com\",\"password\":\"guess " + i + "\"}";
                answers.add(attackers.submit(() -> {
                    start.await();
                    return api.postJson("/v1/auth/token", body);
                }));
            }
            start.countDown();
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response response = answer.get(60, TimeUnit.SECONDS);
                if (response.status() == 503) {
                    assertBusyProblem(response);
                } else {
                    assertProblem(response, 401, "invalid-credentials");
                }
            }
        } finally {
            attackers.shutdownNow();
        }
        assertThat(hashes.peak.get()).as("password hashes running at once").isBetween(1, 2);
    }

    /**
     * With both turns held by sign-ins still hashing, every other way to make the app hash (API sign-in for a
     * known or an unknown e-mail, registration, the sign-in and sign-up forms) waits 200 ms, then is answered
     * 503 with Retry-After, and writes nothing; once the turns are free again, they work.
     */
    @Test
    void withEveryTurnTakenSignInsAndRegistrationsAre503AndWriteNothing() throws Exception {
        ApiClient.Owner owner = api.newOwner();
        hashes.release = new CountDownLatch(1);
        ExecutorService holders = Executors.newFixedThreadPool(2);
        try {
            List<Future<ApiClient.Response>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String body = "{\"email\":\"holder-" + i + "@example.com\",\"password\":\""
                        + CountingPasswordEncoder.HOLD + "\"}";
                held.add(holders.submit(() -> api.postJson("/v1/auth/token", body)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> hashes.inFlight.get() == 2);
            Integer owners = jdbc.queryForObject("SELECT count(*) FROM owner", Integer.class);

            assertBusyProblem(api.postJson("/v1/auth/token",
                    "{\"email\":\"" + owner.email() + "\",\"password\":\"" + owner.password() + "\"}"));
            assertBusyProblem(api.postJson("/v1/auth/token",
                    "{\"email\":\"nobody@example.com\",\"password\":\"a guess\"}"));
            assertBusyProblem(api.postJson("/v1/owners",
                    "{\"email\":\"busy@example.com\",\"password\":\"a long passphrase\",\"name\":\"Busy\"}"));
            PageClient browser = new PageClient(port);
            assertBusyPage(browser.submit(browser.get("/signin"), "form[action$=/signin]",
                    Map.of("email", owner.email(), "password", owner.password())));
            assertBusyPage(browser.submit(browser.get("/signup"), "form[action$=/signup]",
                    Map.of("name", "Busy", "email", "busy-form@example.com", "password", "a long passphrase")));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM owner", Integer.class)).isEqualTo(owners);

            hashes.release.countDown();
            for (Future<ApiClient.Response> answer : held) {
                assertProblem(answer.get(60, TimeUnit.SECONDS), 401, "invalid-credentials");
            }
        } finally {
            holders.shutdownNow();
        }
        assertThat(api.signIn(owner.email(), owner.password())).isNotBlank();
        assertThat(hashes.peak.get()).isEqualTo(2);
    }

    @Test
    void newHashesAreArgon2idAtOrAboveTheOwaspBaseline() {
        ApiClient.Owner owner = api.newOwner();
        Matcher hash = ARGON2ID.matcher(storedHash(owner.email()));
        assertThat(hash.matches()).as(storedHash(owner.email())).isTrue();
        // OWASP Password Storage Cheat Sheet: Argon2id, at least 19 MiB, 2 iterations, 1 degree of parallelism
        assertThat(Integer.parseInt(hash.group(1))).as("memory KiB").isGreaterThanOrEqualTo(19 * 1024);
        assertThat(Integer.parseInt(hash.group(2))).as("iterations").isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(hash.group(3))).as("parallelism").isGreaterThanOrEqualTo(1);
    }

    /** Hashes made before (Spring's 16 MiB Argon2 defaults, bcrypt) still sign in, and are replaced then. */
    @ParameterizedTest
    @ValueSource(strings = {"argon2-16MiB", "bcrypt"})
    void hashesWithOlderSettingsStillSignInAndAreReplacedByCurrentOnes(String settings) {
        String email = "legacy-" + settings + "-" + ThreadLocalRandom.current().nextInt(1_000_000) + "@example.com";
        String password = "an older passphrase";
        String oldHash = settings.equals("bcrypt") ? "{bcrypt}" + new BCryptPasswordEncoder().encode(password)
                : "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(password);
        jdbc.update("INSERT INTO owner (id, email, email_key, password_hash, name) VALUES (?, ?, ?, ?, 'Legacy')",
                ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), email, EmailKey.of(email), oldHash);

        assertThat(api.signIn(email.toUpperCase(), password)).isNotBlank();

        assertThat(storedHash(email)).isNotEqualTo(oldHash).matches(ARGON2ID)
                .contains("$m=" + SecurityConfiguration.ARGON2_MEMORY_KIB + ",t=2,p=1$");
        assertThat(api.signIn(email, password)).as("the new hash verifies").isNotBlank();
    }

    private String storedHash(String email) {
        return jdbc.queryForObject("SELECT password_hash FROM owner WHERE email_key = ?", String.class,
                EmailKey.of(email));
    }

    private static void assertBusyProblem(ApiClient.Response response) {
        assertProblem(response, 503, "service-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("1");
    }

    private static void assertBusyPage(Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(503);
        assertThat(page.header("Retry-After")).isEqualTo("1");
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.document().select("h1").text()).isEqualTo("Temporarily unavailable");
        assertThat(page.body()).doesNotContain("Exception");
    }

    /** The app's password encoder, counting the hashes it computes at once; {@link #HOLD} waits for release. */
    static final class CountingPasswordEncoder implements PasswordEncoder {

        static final String HOLD = "hold this hash until the test releases it";

        final PasswordEncoder delegate;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        volatile CountDownLatch release = new CountDownLatch(0);

        CountingPasswordEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence raw) {
            return counted(raw, () -> delegate.encode(raw));
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return counted(raw, () -> delegate.matches(raw, encoded));
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return delegate.upgradeEncoding(encoded);
        }

        private <T> T counted(CharSequence raw, Supplier<T> hash) {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (HOLD.contentEquals(raw) && !release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                return hash.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CountedHashes {

        @Bean
        static BeanPostProcessor countingPasswordEncoder() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof PasswordEncoder encoder && beanName.equals("passwordEncoder")
                            ? new CountingPasswordEncoder(encoder) : bean;
                }
            };
        }
    }
}
