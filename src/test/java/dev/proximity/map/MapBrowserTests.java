package dev.proximity.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The map and business pages in a real headless Chromium against the whole app. Tiles come from a closed local
 * port (test configuration), so every page here also proves the bundled country outlines stand in for them.
 * Each test seeds its own area near the equator, 111 km (one degree of longitude) from the next, beyond the
 * largest radius, so the tests cannot see each other's businesses.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapBrowserTests {

    @LocalServerPort
    int port;

    private ApiClient api;
    private ApiClient.Owner owner;
    private HeadlessChromium browser;
    private WebDriver driver;
    private MapPage page;

    @BeforeAll
    void startBrowser() {
        api = new ApiClient(port);
        owner = api.newOwner();
        browser = HeadlessChromium.start(HeadlessChromium.DESKTOP);
        driver = browser.driver();
        page = new MapPage(browser, port);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void showsMarkersAndTheListForTheAreaOverCountryOutlines() throws Exception {
        double lng = 10;
        seed(lng, "Area A", 0, 0, "Green Grocer", 300, 0, "Blue Cafe", 0, 400, "Grand Bakery", -350, -200,
                "Little Pharmacy", 250, -450);
        open("/?latitude=1&longitude=" + lng + "&zoom=15&radius=1000");
        waitForResults(5);

        assertThat(driver.findElements(By.cssSelector(".leaflet-marker-pane .pin, .marker-cluster"))).isNotEmpty();
        assertThat(pins()).isEqualTo(5);
        assertThat(driver.findElement(By.id("total")).getText()).startsWith("5 businesses within 1.00 km");
        assertThat(listNames()).startsWith("Area A"); // nearest first
        wait.until(attribute("dots", "5")); // every business in view as a dot, under the pins
        assertThat(driver.findElement(By.cssSelector("path.leaflet-interactive, .leaflet-overlay-pane path")))
                .isNotNull(); // the radius circle

        wait.until(attribute("tiles", "failed"));
        wait.until(attribute("basemap", "ready"));
        Path desktop = browser.screenshot("map-desktop");
        browser.resize(HeadlessChromium.PHONE);
        open("/?latitude=1&longitude=" + lng + "&zoom=15&radius=1000");
        waitForResults(5);
        wait.until(attribute("basemap", "ready"));
        Path phone = browser.screenshot("map-phone");
        browser.resize(HeadlessChromium.DESKTOP);
        assertThat(Files.size(desktop)).isGreaterThan(10_000);
        assertThat(Files.size(phone)).isGreaterThan(10_000);
    }

    @Test
    void theBundledOutlinesDrawTheWorldWhenNoTileLoads() {
        open("/?latitude=20&longitude=0&zoom=2&radius=500");
        wait.until(attribute("tiles", "failed"));
        wait.until(attribute("basemap", "ready"));
        List<WebElement> countries = driver.findElements(By.cssSelector(".leaflet-basemap-pane path"));
        assertThat(countries.size()).isGreaterThan(100);
        assertThat(countries).anyMatch(path -> path.getAttribute("d").length() > 200);
        assertThat(driver.findElement(By.id("status")).getText()).contains("country outlines");
        browser.screenshot("map-basemap-world");
    }

    @Test
    void movingTheMapOffersToSearchThisArea() {
        double lng = 11;
        seed(lng, "West Diner", 0, 0, "West Bar", 200, 0);
        // 3 km east: beyond the first view's right edge at zoom 15 (912 px of 4.78 m)
        seed(lng, "East Diner", 0, 3000, "East Bar", 150, 3000, "East Gym", -150, 3000);
        open("/?latitude=1&longitude=" + lng + "&zoom=15&radius=1000");
        waitForResults(2);
        assertThat(listNames()).containsExactly("West Diner", "West Bar");
        assertThat(driver.findElement(By.id("search-area")).isDisplayed()).isFalse();
        int searches = searchCount();

        // drag the map west by 3 km at zoom 15 (156543.03 m / 2^15 per pixel at the equator)
        int pixels = (int) Math.round(3000 / (156_543.03 / (1 << 15)));
        WebElement map = driver.findElement(By.id("map"));
        new Actions(driver).moveToElement(map, 300, 0).clickAndHold().moveByOffset(-pixels / 4, 0)
                .moveByOffset(-pixels / 4, 0).moveByOffset(-pixels / 4, 0)
                .moveByOffset(-(pixels - 3 * (pixels / 4)), 0).release().perform();

        // the list stays what it was until asked: moving a map is not a question
        WebElement searchArea = wait.until(d -> {
            WebElement button = d.findElement(By.id("search-area"));
            return button.isDisplayed() ? button : null;
        });
        assertThat(searchCount()).isEqualTo(searches);
        assertThat(searchArea.getText()).isEqualTo("Search this area");
        searchArea.click();
        wait.until(d -> searchCount() > searches && !"true".equals(data("searching")));
        waitForResults(3);
        assertThat(data("searchKind")).isEqualTo("area");
        assertThat(listNames()).containsExactlyInAnyOrder("East Diner", "East Bar", "East Gym");
        assertThat(driver.findElement(By.id("total")).getText()).isEqualTo("3 businesses in this area");
        assertThat(searchArea.isDisplayed()).isFalse();
        assertThat(page.fragmentParameter("search")).isEqualTo("area");
    }

    @Test
    void changingTheRadiusChangesTheResults() {
        double lng = 12;
        seed(lng, "Near One", 0, 100, "Near Two", 200, -200, "Far One", 1500, 0, "Far Two", 0, -1600,
                "Far Three", -1200, 900);
        open("/?latitude=1&longitude=" + lng + "&zoom=14&radius=500");
        waitForResults(2);
        assertThat(listNames()).containsExactlyInAnyOrder("Near One", "Near Two");

        new Select(driver.findElement(By.id("radius"))).selectByVisibleText("2 km");
        waitForResults(5);
        assertThat(data("total", By.id("total"))).isEqualTo("5");
        assertThat(listNames()).startsWith("Near One", "Near Two");
    }

    @Test
    void clickingAListItemOpensItsMarkersPopup() {
        double lng = 13;
        seed(lng, "Corner Books", 0, 0, "Harbour Florist", 600, 600, "Station Laundry", -500, 300);
        open("/?latitude=1&longitude=" + lng + "&zoom=14&radius=2000");
        waitForResults(3);

        item("Harbour Florist").click();
        WebElement popup = wait.until(d -> shownPopupName(d));
        assertThat(popup.getText()).isEqualTo("Harbour Florist");
        assertThat(item("Harbour Florist").getAttribute("class")).contains("active");
        assertThat(driver.findElements(By.cssSelector(".leaflet-marker-pane .pin.active"))).hasSize(1);
    }

    @Test
    void showsMoreResultsPageByPageAndTheCellsOfEachIndex() {
        double lng = 14;
        StringBuilder csv = new StringBuilder("name,category,latitude,longitude\n");
        for (int i = 0; i < 57; i++) {
            csv.append("Stall ").append(i).append(",market,").append(1 + (i % 8) * 0.001).append(',')
                    .append(lng + (i / 8) * 0.001).append('\n');
        }
        importCsv(csv.toString(), 57, lng);
        open("/?latitude=1.003&longitude=" + (lng + 0.003) + "&zoom=15&radius=2000&cells=1");
        waitForResults(50);
        assertThat(driver.findElement(By.id("total")).getText()).contains("57 businesses").contains("showing 50");

        new Select(driver.findElement(By.id("index"))).selectByValue("geohash");
        wait.until(d -> data("cells").startsWith("geohash:"));
        waitForResults(50);
        browser.screenshot("map-paging-geohash-cells");

        driver.findElement(By.id("more")).click();
        waitForResults(57);
        assertThat(driver.findElement(By.id("more")).isDisplayed()).isFalse();

        for (String index : List.of("quadtree", "s2", "geohash")) { // geohash last: it is the selected one now
            new Select(driver.findElement(By.id("index"))).selectByValue(index);
            wait.until(d -> data("cells").startsWith(index + ":"));
            assertThat(Integer.parseInt(data("cells").substring(index.length() + 1))).isPositive();
            assertThat(driver.findElements(By.cssSelector("path.cell"))).isNotEmpty();
            waitForResults(50);
        }
    }

    @Test
    void businessTextIsShownAsTextOnTheMapTheListAndTheDetailPage() {
        double lng = 15;
        String name = "<img src=x onerror=alert(1)>";
        String other = "\"><svg onload=window.__xss=1>";
        seed(lng, name, 0, 0, other.replace("\"", "\"\""), 300, 300);
        open("/?latitude=1&longitude=" + lng + "&zoom=15&radius=1000");
        waitForResults(2);
        assertThat(listNames()).containsExactlyInAnyOrder(name, other);

        item(name).click();
        WebElement popup = wait.until(d -> shownPopupName(d));
        assertThat(popup.getText()).isEqualTo(name);
        assertNoScriptRan();

        String id = item(name).getAttribute("data-id");
        open("/businesses/" + id);
        assertThat(driver.findElement(By.id("business-name")).getText()).isEqualTo(name);
        assertThat(driver.getTitle()).isEqualTo(name + " · Proximity");
        assertNoScriptRan();
    }

    @Test
    void apiDocumentationStillRendersUnderItsPolicy() {
        open("/swagger-ui/index.html");
        WebElement title = wait.until(d -> d.findElement(By.cssSelector(".swagger-ui .info .title")));
        assertThat(title.getText()).isNotBlank();
        assertThat(driver.findElements(By.cssSelector(".opblock-tag"))).isNotEmpty();
    }

    private void assertNoScriptRan() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
        assertThat(driver.findElements(By.cssSelector("img[src='x'], svg[onload]"))).isEmpty();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void seed(double lng, Object... nameNorthEast) {
        MapPage.seed(api, owner, 1, lng, nameNorthEast);
    }

    private void importCsv(String csv, int rows, double lng) {
        MapPage.importCsv(api, owner, csv, rows, 1, lng);
    }

    private WebDriverWait wait;

    private void open(String path) {
        page.open(path);
        wait = page.browserWait();
    }

    private void waitForResults(int count) {
        page.waitForResults(count);
    }

    private List<String> listNames() {
        return page.listNames();
    }

    private WebElement item(String name) {
        return page.item(name);
    }

    private long pins() {
        return page.pins();
    }

    private int searchCount() {
        return page.searchCount();
    }

    private String data(String name) {
        return page.data(name);
    }

    private String data(String name, By element) {
        return page.data(name, element);
    }

    private Function<WebDriver, Boolean> attribute(String name, String value) {
        return page.attribute(name, value);
    }

    private static WebElement shownPopupName(WebDriver driver) {
        return MapPage.shownPopupName(driver);
    }
}
