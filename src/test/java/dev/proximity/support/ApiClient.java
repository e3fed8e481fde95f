package dev.proximity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small black-box client for the HTTP API: raw bodies and headers in, status, headers and JSON out. It
 * talks to a real server over a socket, so nothing of Spring MVC is bypassed.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this("http://127.0.0.1:" + port);
    }

    /** A server elsewhere, e.g. {@code http://localhost:32768} for a container's mapped port. */
    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    public Response postJson(String path, String json, String... headers) {
        return send("POST", path, "application/json", json, headers);
    }

    public Response putJson(String path, String json, String... headers) {
        return send("PUT", path, "application/json", json, headers);
    }

    /** Any method, content type and body; {@code headers} are name, value pairs. */
    public Response send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new Response(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a fresh owner and returns a signed-in session for them. */
    public Owner newOwner() {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        Response registered = postJson("/v1/owners",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"Test Owner\"}");
        if (registered.status() != 201) {
            throw new IllegalStateException("registration failed: " + registered.body());
        }
        return new Owner(registered.json().get("id").asText(), email, password, signIn(email, password));
    }

    public String signIn(String email, String password) {
        Response token = postJson("/v1/auth/token",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        if (token.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + token.body());
        }
        return token.json().get("accessToken").asText();
    }

    public record Owner(String id, String email, String password, String token) {

        public String[] auth(String... more) {
            String[] all = new String[more.length + 2];
            all[0] = "Authorization";
            all[1] = "Bearer " + token;
            System.arraycopy(more, 0, all, 2, more.length);
            return all;
        }
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }
    }
}
