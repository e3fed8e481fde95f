package dev.proximity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without JavaScript for the server-rendered pages: keeps cookies, does not follow redirects, and
 * posts forms the way the page defines them (every named field, the CSRF token included, then overrides).
 */
public final class PageClient {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    public PageClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** Sends this header with every later request (e.g. {@code X-Forwarded-For} where the test is the proxy). */
    public PageClient withHeader(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** Posts raw fields, exactly these and nothing else. */
    public Page post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a form body exactly as given, already percent-encoded (bytes that are not UTF-8 on purpose). */
    public Page postEncoded(String path, String encodedBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encodedBody, StandardCharsets.US_ASCII)));
    }

    /** Posts {@code body} as {@code contentType}, as a page's script would; {@code headers} are name, value pairs. */
    public Page postBody(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    /** The fields {@link #submit} would post for the form matched by {@code selector}, CSRF token included. */
    public Map<String, String> fieldsOf(Page page, String selector) {
        Element form = page.document().selectFirst(selector);
        if (form == null) {
            throw new IllegalStateException("no form " + selector + " in:\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name], select[name], textarea[name]")) {
            fields.put(input.attr("name"), input.tagName().equals("select") ? "" : input.val());
        }
        return fields;
    }

    /** Submits the form matched by {@code selector} on {@code page}: its own fields, then {@code changes}. */
    public Page submit(Page page, String selector, Map<String, String> changes) {
        Element form = page.document().selectFirst(selector);
        if (form == null) {
            throw new IllegalStateException("no form " + selector + " in:\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name], select[name], textarea[name]")) {
            String value;
            if (input.tagName().equals("select")) {
                Element selected = input.selectFirst("option[selected]");
                value = selected == null ? Optional.ofNullable(input.selectFirst("option")).map(o -> o.val()).orElse("")
                        : selected.val();
            } else {
                value = input.val();
            }
            fields.put(input.attr("name"), value);
        }
        fields.putAll(changes);
        return post(URI.create(form.attr("action")).getPath(), fields);
    }

    /** Follows one redirect, as a browser would with a GET. */
    public Page follow(Page redirect) {
        String location = redirect.header("Location");
        if (location == null) {
            throw new IllegalStateException("not a redirect: " + redirect.status());
        }
        URI target = URI.create(baseUrl).resolve(location);
        return get(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    private Page send(HttpRequest.Builder request) {
        try {
            // as a browser asks, so error answers are the HTML pages rather than JSON
            request.header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
            extraHeaders.forEach(request::header);
            return new Page(http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }

    public record Page(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public java.util.List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        public Document document() {
            return Jsoup.parse(raw.body());
        }

        /** The text of the message beside a field ({@code id="<field>-error"}), or null when there is none. */
        public String fieldError(String field) {
            Element error = document().getElementById(field + "-error");
            return error == null ? null : error.text();
        }
    }
}
