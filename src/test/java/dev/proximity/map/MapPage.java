package dev.proximity.map;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.proximity.support.ApiClient;
import dev.proximity.support.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The map page as the browser tests see it: opening it, waiting for a search to settle, reading the list, the
 * markers and the state the page publishes as {@code data-*} attributes on {@code #map-app}, and seeding the
 * businesses a test looks at.
 */
final class MapPage {

    /** Metres in one degree of latitude (and of longitude at the equator) on the geo core's sphere. */
    static final double METERS_PER_DEGREE = 111_195.08;

    private final HeadlessChromium browser;
    private final WebDriver driver;
    private final int port;
    private WebDriverWait wait;

    MapPage(HeadlessChromium browser, int port) {
        this.browser = browser;
        this.driver = browser.driver();
        this.port = port;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait browserWait() {
        return wait;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Loads the page afresh (a new document even when only the fragment differs from the current URL). */
    void open(String path) {
        driver.get("about:blank");
        driver.get(baseUrl() + path);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    void waitForResults(int count) {
        wait.until(d -> !"true".equals(data("searching")) && results().size() == count);
    }

    List<WebElement> results() {
        return driver.findElements(By.cssSelector("#results .result"));
    }

    List<String> listNames() {
        return driver.findElements(By.cssSelector("#results .result .result-name")).stream()
                .map(WebElement::getText).toList();
    }

    WebElement item(String name) {
        return results().stream()
                .filter(li -> li.findElement(By.className("result-name")).getText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no list item " + name));
    }

    long pins() {
        return driver.findElements(By.cssSelector(".leaflet-marker-pane .pin")).size();
    }

    int searchCount() {
        String count = data("searchCount");
        return count.isEmpty() ? 0 : Integer.parseInt(count);
    }

    String data(String name) {
        return data(name, By.id("map-app"));
    }

    String data(String name, By element) {
        String value = driver.findElement(element).getDomAttribute("data-" + name.replaceAll("([A-Z])", "-$1")
                .toLowerCase(Locale.ROOT));
        return value == null ? "" : value;
    }

    Function<WebDriver, Boolean> attribute(String name, String value) {
        return d -> value.equals(data(name));
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    String text(String id) {
        return byId(id).getText();
    }

    /** The page's URL fragment as the page wrote it, without the {@code #}. */
    String fragment() {
        return String.valueOf(script("return window.location.hash")).replaceFirst("^#", "");
    }

    Object script(String source, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(source, arguments);
    }

    /** A parameter of the URL fragment the page wrote, or null. */
    String fragmentParameter(String name) {
        return (String) script("return new URLSearchParams(location.hash.slice(1)).get(arguments[0])", name);
    }

    /**
     * The open popup's name once it is shown: Leaflet adds the popup before its fade-in ends, and WebDriver's
     * {@code getText} is empty for an element that is not yet visible.
     */
    static WebElement shownPopupName(WebDriver driver) {
        List<WebElement> names = driver.findElements(By.cssSelector(".leaflet-popup-content .popup-name"));
        return names.isEmpty() || names.get(0).getText().isBlank() ? null : names.get(0);
    }

    void screenshot(String name) {
        browser.screenshot(name);
    }

    // --- seeding ----------------------------------------------------------------------------------------------

    /** Imports businesses as (name, north metres, east metres) triples of category {@code shop} around (lat, lng). */
    static void seed(ApiClient api, ApiClient.Owner owner, double lat, double lng, Object... nameNorthEast) {
        StringBuilder csv = new StringBuilder("name,category,latitude,longitude\n");
        for (int i = 0; i < nameNorthEast.length; i += 3) {
            double[] at = offset(lat, lng, ((Number) nameNorthEast[i + 1]).doubleValue(),
                    ((Number) nameNorthEast[i + 2]).doubleValue());
            csv.append('"').append(nameNorthEast[i]).append("\",shop,").append(at[0]).append(',').append(at[1])
                    .append('\n');
        }
        importCsv(api, owner, csv.toString(), nameNorthEast.length / 3, lat, lng);
    }

    /** {lat, lng} of the point {@code north} and {@code east} metres from (lat, lng). */
    static double[] offset(double lat, double lng, double north, double east) {
        double atLat = lat + north / METERS_PER_DEGREE;
        return new double[] {atLat, lng + east / (METERS_PER_DEGREE * Math.cos(Math.toRadians(atLat)))};
    }

    static void importCsv(ApiClient api, ApiClient.Owner owner, String csv, int rows, double lat, double lng) {
        ApiClient.Response imported = api.send("POST", "/v1/businesses/import", "text/csv", csv, owner.auth());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(rows);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/v1/search/nearby?latitude=" + lat
                + "&longitude=" + lng + "&radius=50000&limit=1").json().get("total").asInt() >= rows);
    }
}
