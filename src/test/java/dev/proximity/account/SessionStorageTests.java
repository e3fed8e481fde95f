package dev.proximity.account;

import dev.proximity.support.EmbeddedServersOnly;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proximity.embedded.EmbeddedServers;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the owner pages keep in Redis, read raw: JSON, never Java serialization; and a session someone with write
 * access to Redis planted (Java-serialized objects, or JSON naming a class outside the allowlist) is treated as
 * no session, without instantiating anything in it.
 */
@ApiIntegrationTest
@EmbeddedServersOnly("reads the sessions straight from its embedded Redis")
class SessionStorageTests {

    private static final String KEY_PREFIX = "px:v1:session:sessions:";
    /** How many tripwires were ever constructed or deserialized in this JVM. */
    static final AtomicInteger TRIPPED = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedServers servers;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void reset() {
        TRIPPED.set(0);
    }

    @Test
    void aSignedInSessionIsStoredAsJson() throws Exception {
        PageClient browser = new PageClient(port);
        ApiClient.Owner owner = new ApiClient(port).newOwner();
        Page signedIn = browser.submit(browser.get("/signin"), "form[action$=/signin]",
                Map.of("email", owner.email(), "password", owner.password()));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(browser.follow(signedIn).status()).isEqualTo(200);

        Map<byte[], byte[]> stored = rawSession(browser);

        assertThat(stored).isNotEmpty();
        for (Map.Entry<byte[], byte[]> field : stored.entrySet()) {
            String name = new String(field.getKey(), StandardCharsets.UTF_8);
            byte[] value = field.getValue();
            assertThat(value.length > 1 && value[0] == (byte) 0xAC && value[1] == (byte) 0xED)
                    .as(name + " is not Java serialization").isFalse();
            json.readTree(value); // throws unless JSON
        }
        JsonNode context = json.readTree(stored.entrySet().stream()
                .filter(e -> new String(e.getKey(), StandardCharsets.UTF_8).equals("sessionAttr:SPRING_SECURITY_CONTEXT"))
                .findFirst().orElseThrow().getValue());
        assertThat(context.at("/authentication/principal/id").asText()).isEqualTo(owner.id());
        assertThat(context.toString()).doesNotContain(owner.password());
    }

    @Test
    void aNoticeAfterARedirectSurvivesTheTripThroughJson() {
        PageClient browser = new PageClient(port);
        Page done = browser.submit(browser.get("/signup"), "form[action$=/signup]", Map.of("name", "Ines",
                "email", "json-" + UUID.randomUUID() + "@example.com", "password", "a long passphrase"));
        assertThat(done.status()).isEqualTo(302);

        Page list = browser.follow(done);

        assertThat(list.document().select(".notice").text()).isEqualTo("Welcome, Ines. Your account is ready.");
        assertThat(list.document().text()).contains("Ines");
    }

    @Test
    void aJavaSerializedSessionPlantedInRedisIsNeverDeserialized() throws Exception {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        plant(id, Map.of(
                "creationTime", javaSerialized(now),
                "lastAccessedTime", javaSerialized(now),
                "maxInactiveInterval", javaSerialized(1800),
                "sessionAttr:SPRING_SECURITY_CONTEXT", javaSerialized(new Tripwire())));
        TRIPPED.set(0);

        assertTreatedAsNoSession(id);
    }

    @Test
    void jsonNamingAClassOutsideTheAllowlistIsNeverInstantiated() throws Exception {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        plant(id, Map.of(
                "creationTime", bytes(Long.toString(now)),
                "lastAccessedTime", bytes(Long.toString(now)),
                "maxInactiveInterval", bytes("1800"),
                "sessionAttr:SPRING_SECURITY_CONTEXT", bytes("{\"@class\":\"" + Tripwire.class.getName() + "\"}")));

        assertTreatedAsNoSession(id);
    }

    private void assertTreatedAsNoSession(String id) {
        String cookie = "SESSION=" + Base64.getEncoder().encodeToString(bytes(id));

        Page owner = get("/owner/businesses", cookie);
        Page map = get("/", cookie);

        assertThat(owner.status()).as("signed out: off to the sign-in page").isEqualTo(302);
        assertThat(owner.header("Location")).endsWith("/signin");
        assertThat(map.status()).isEqualTo(200);
        assertThat(map.document().text()).contains("Sign in");
        assertThat(TRIPPED).as("nothing in the planted session was instantiated").hasValue(0);
    }

    private Page get(String path, String cookie) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
            return new Page(http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("Cookie", cookie).header("Accept", "text/html").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<byte[], byte[]> rawSession(PageClient browser) {
        String cookie = browser.cookie("SESSION").map(HttpCookie::getValue).orElseThrow();
        String id = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
        try (Jedis redis = new Jedis("127.0.0.1", servers.redis().port())) {
            return redis.hgetAll(bytes(KEY_PREFIX + id));
        }
    }

    private void plant(String id, Map<String, byte[]> fields) {
        try (Jedis redis = new Jedis("127.0.0.1", servers.redis().port())) {
            byte[] key = bytes(KEY_PREFIX + id);
            fields.forEach((name, value) -> redis.hset(key, bytes(name), value));
            redis.expire(key, 600);
        }
    }

    private static byte[] javaSerialized(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(value);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Stands for a deserialization gadget: counts every time it comes to life. */
    public static final class Tripwire implements Serializable {

        private static final long serialVersionUID = 1L;

        public Tripwire() {
            TRIPPED.incrementAndGet();
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            TRIPPED.incrementAndGet();
        }
    }
}
