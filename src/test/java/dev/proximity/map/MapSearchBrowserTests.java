package dev.proximity.map;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ways people search on the map, in a real headless Chromium against the whole app: the search box, the
 * "Nearest" action, clusters when zoomed out, the view in the URL, the phone's bottom sheet and the keyboard
 * alone. Each test seeds its own place, at least 111 km from any other map test's (beyond the nearest search's
 * 50 km), so the tests cannot see each other's businesses.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapSearchBrowserTests {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @AfterEach
    void desktopAgain() {
        browser.resize(HeadlessChromium.DESKTOP);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theSearchBoxFindsNamesInAnyScriptAndSuggestsTheCategories() {
        double lng = 20;
        MapPage.seed(api, owner, 1, lng, "Cafe Onion", 0, 100, "Onion Bakery", 300, 0, "Bread House", -200, 0,
                "할매국밥", 100, -100, "Seoul Gukbap", -100, 100);
        page.open("/?latitude=1&longitude=" + lng + "&zoom=15&radius=1000");
        page.waitForResults(5);
        List<String> suggestions = driver.findElements(By.cssSelector("#category-suggestions option")).stream()
                .map(option -> option.getDomAttribute("value")).toList();
        assertThat(suggestions).contains("pharmacy", "cafe", "hair salon").hasSizeGreaterThanOrEqualTo(20);

        search("onion");
        page.waitForResults(2);
        assertThat(page.listNames()).containsExactlyInAnyOrder("Cafe Onion", "Onion Bakery");
        assertThat(page.pins()).isEqualTo(2);
        assertThat(page.fragmentParameter("q")).isEqualTo("onion");
        assertThat(page.text("total")).isEqualTo("2 businesses within 1.00 km");

        search("국밥");
        page.waitForResults(1);
        assertThat(page.listNames()).containsExactly("할매국밥");

        search("!!!"); // no word in it: the server's 400 is said in words, the list is empty
        page.browserWait().until(d -> page.text("status").contains("q "));
        assertThat(page.results()).isEmpty();

        search("");
        page.waitForResults(5);
        assertThat(page.fragmentParameter("q")).isNull();
        page.screenshot("map-search-desktop");
    }

    @Test
    void theNearestOpenPharmacyIsTwoClicksAway() {
        double lng = 21;
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        post("Closed Pharmacy", "pharmacy", 1, lng, 300, 0, now.getDayOfWeek().plus(2)); // opens in two days
        post("Open Pharmacy", "pharmacy", 1, lng, 2500, 0, null);
        post("Far Open Pharmacy", "pharmacy", 1, lng, 9000, 1000, null);
        post("Corner Cafe", "cafe", 1, lng, 50, 0, null);
        page.open("/?latitude=1&longitude=" + lng + "&zoom=16");
        page.waitForResults(2); // the closed pharmacy and the cafe are within the first 2 km

        page.byId("nearest").click();
        assertThat(page.text("nearest-origin")).isEqualTo("the map centre");
        assertThat(page.byId("nearest-open").isSelected()).isTrue();
        driver.findElement(By.cssSelector(".nearest-choice[data-category='pharmacy']")).click();

        page.waitForResults(2);
        assertThat(page.data("searchKind")).isEqualTo("nearest");
        assertThat(page.listNames()).containsExactly("Open Pharmacy", "Far Open Pharmacy");
        assertThat(page.text("total")).isEqualTo("Nearest open pharmacy: 2 found, from the map centre");
        assertThat(page.byId("nearest-menu").getDomAttribute("open")).isNull();
        // the filters now say what was asked, and so does the link
        assertThat(new Select(page.byId("category")).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("pharmacy");
        assertThat(page.byId("open-now").isSelected()).isTrue();
        assertThat(page.fragmentParameter("search")).isEqualTo("nearest");
        assertThat(page.fragmentParameter("from")).isEqualTo("1.00000," + String.format("%.5f", lng));
        // the map moved to show both (zoomed out to fit 9 km): the markers, not clusters
        page.browserWait().until(d -> page.pins() == 2);
        page.screenshot("map-nearest-desktop");

        driver.findElement(By.cssSelector("#nearest")).click();
        page.byId("nearest-open").click(); // closed ones too
        driver.findElement(By.cssSelector(".nearest-choice[data-category='pharmacy']")).click();
        page.waitForResults(3); // from the new map centre, between them
        assertThat(page.listNames()).containsExactlyInAnyOrder("Closed Pharmacy", "Open Pharmacy",
                "Far Open Pharmacy");
        assertThat(page.byId("open-now").isSelected()).isFalse();
    }

    @Test
    void nearestStartsFromTheSharedLocationButTheLinkNeverCarriesIt() {
        double lng = 25;
        MapPage.seed(api, owner, 1, lng, "Here Cafe", 0, 0, "There Cafe", 0, 1500, "Not A Match", 0, 1400);
        double[] there = MapPage.offset(1, lng, 0, 1500);
        ChromeDriver chrome = browser.driver();
        chrome.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
        chrome.executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", there[0], "longitude", there[1], "accuracy", 10));
        try {
            page.open("/?latitude=1&longitude=" + lng + "&zoom=16");
            page.waitForResults(3);
            int searches = page.searchCount();
            page.byId("locate").click();
            // (inside the closed menu: not shown, so its text is read from the DOM)
            page.browserWait().withMessage(() -> "status: " + page.text("status")).until(d ->
                    "your location".equals(page.byId("nearest-origin").getDomProperty("textContent")));
            page.browserWait().until(d -> page.searchCount() > searches && !"true".equals(page.data("searching")));

            search("cafe");
            page.byId("nearest").click();
            page.byId("nearest-open").click(); // the seeded shops have no hours
            page.byId("nearest-query").click();
            page.waitForResults(2);
            assertThat(page.listNames()).containsExactly("There Cafe", "Here Cafe");
            assertThat(page.text("total")).endsWith("from your location");
            assertThat(page.fragmentParameter("search")).isEqualTo("nearest");
            assertThat(page.fragmentParameter("from")).isNull();
        } finally {
            chrome.executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
        }
    }

    @Test
    void zoomedOutTheMapShowsTheServersClustersAndZoomingInListsTheBusinesses() {
        double lat = -30;
        double lng = 40;
        StringBuilder csv = new StringBuilder("name,category,latitude,longitude\n");
        int rows = 0;
        // three towns, each a few hundred metres across, more than a grid cell (34 km here at zoom 8) apart
        for (double[] town : new double[][] {{0, 0}, {0, 40_000}, {-35_000, 15_000}}) {
            for (int i = 0; i < 10; i++) {
                double[] at = MapPage.offset(lat, lng, town[0] + 40 * i, town[1] + 30 * (i % 3));
                csv.append("Shop ").append(rows++).append(",shop,").append(at[0]).append(',').append(at[1])
                        .append('\n');
            }
        }
        MapPage.importCsv(api, owner, csv.toString(), rows, lat, lng);
        page.open("/#latitude=-30.15&longitude=40.2&zoom=8");
        page.browserWait().until(page.attribute("mode", "clusters"));
        page.browserWait().until(d -> page.data("clusters").endsWith(":30"));
        assertThat(page.data("searchKind")).isEqualTo("overview");
        assertThat(page.text("total")).isEqualTo("30 businesses in view · zoom in to list them");
        List<WebElement> clusters = driver.findElements(By.cssSelector(".server-cluster"));
        assertThat(clusters).hasSize(3);
        assertThat(clusters.stream().mapToInt(c -> Integer.parseInt(c.getText())).sum()).isEqualTo(30);
        assertThat(page.results()).isEmpty();
        assertThat(page.byId("zoom-hint").isDisplayed()).isTrue();
        page.screenshot("map-clusters-desktop");

        // a cluster zooms in; once single businesses show, the list fills with what is in view
        for (int i = 0; i < 3 && !"markers".equals(page.data("mode")); i++) {
            WebElement cluster = page.browserWait().until(d -> d.findElements(By.cssSelector(".server-cluster")).stream()
                    .filter(c -> c.getText().equals("10")).findFirst().orElse(null));
            String before = page.fragmentParameter("zoom");
            cluster.click();
            page.browserWait().until(d -> !before.equals(page.fragmentParameter("zoom")));
            page.browserWait().until(d -> "markers".equals(page.data("mode"))
                    || page.fragmentParameter("zoom").equals(page.data("clustersZoom")));
        }
        page.browserWait().until(page.attribute("mode", "markers"));
        page.waitForResults(10);
        assertThat(page.data("searchKind")).isEqualTo("area");
        assertThat(driver.findElements(By.cssSelector(".server-cluster"))).isEmpty();
        assertThat(page.byId("zoom-hint").isDisplayed()).isFalse();

        // the filters hold for the clusters too
        page.open("/#latitude=-30.15&longitude=40.2&zoom=8&q=nothing");
        page.browserWait().until(d -> page.data("clusters").equals("0:0"));
        assertThat(page.text("total")).isEqualTo("No businesses in view");
    }

    @Test
    void theLinkReopensTheSameViewAndCarriesNoLocationToTheServer() {
        double lng = 22;
        MapPage.seed(api, owner, 1, lng, "Link Cafe", 0, 0, "Link Bakery", 200, 0, "Other Shop", 100, 100);
        page.open("/?latitude=1&longitude=" + lng + "&zoom=15");
        page.waitForResults(3);
        new Select(page.byId("radius")).selectByValue("500");
        page.waitForResults(3);
        search("link");
        page.waitForResults(2);
        page.byId("open-now").click(); // none has hours: none is open
        page.waitForResults(0);
        page.byId("open-now").click();
        page.waitForResults(2);
        String url = driver.getCurrentUrl();
        assertThat(url).doesNotContain("?"); // the old-style query moved into the fragment
        assertThat(page.fragment()).contains("q=link").contains("radius=500").contains("zoom=15");

        driver.get("about:blank");
        driver.get(url);
        page.waitForResults(2);
        assertThat(page.byId("q").getDomProperty("value")).isEqualTo("link");
        assertThat(new Select(page.byId("radius")).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("500");
        assertThat(page.listNames()).containsExactlyInAnyOrder("Link Cafe", "Link Bakery");
        assertThat(page.fragmentParameter("latitude")).isEqualTo("1.00000");
        assertThat(page.fragmentParameter("longitude")).isEqualTo("22.00000");

        // a link pasted into the same tab changes only the fragment: the page goes there all the same
        page.script("location.hash = arguments[0]", "latitude=1.0018&longitude=22&zoom=16&q=bakery");
        page.waitForResults(1);
        assertThat(page.listNames()).containsExactly("Link Bakery");
        assertThat(page.byId("q").getDomProperty("value")).isEqualTo("bakery");
        assertThat(new Select(page.byId("radius")).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("2000");
    }

    @Test
    void onAPhoneTheListIsABottomSheetOverAFullScreenMap() {
        double lng = 23;
        MapPage.seed(api, owner, 1, lng, "Sheet Cafe", 0, 0, "Sheet Bar", 300, 0, "Sheet Gym", 0, 400);
        browser.resize(HeadlessChromium.PHONE);
        page.open("/?latitude=1&longitude=" + lng + "&zoom=15");
        page.waitForResults(3);
        long width = (Long) page.script("return window.innerWidth");
        WebElement map = page.byId("map");
        WebElement panel = page.byId("panel");
        assertThat(map.getRect().getWidth()).isEqualTo((int) width);
        assertThat(panel.getRect().getWidth()).isEqualTo((int) width);
        assertThat(panel.getRect().getY()).isGreaterThan(map.getRect().getY() + map.getRect().getHeight() / 2);
        // closed: the search, the filters and the total show; the list does not
        assertThat(page.byId("q").isDisplayed()).isTrue();
        assertThat(page.byId("nearest").isDisplayed()).isTrue();
        assertThat(page.text("sheet-summary")).isEqualTo("3 businesses within 2.00 km");
        assertThat(page.results().get(0).isDisplayed()).isFalse();
        assertThat(page.byId("sheet-toggle").getDomAttribute("aria-expanded")).isEqualTo("false");
        page.screenshot("map-phone");

        page.byId("sheet-toggle").click();
        page.browserWait().until(d -> page.results().get(0).isDisplayed());
        assertThat(page.byId("sheet-toggle").getDomAttribute("aria-expanded")).isEqualTo("true");
        assertThat(page.listNames()).containsExactly("Sheet Cafe", "Sheet Bar", "Sheet Gym");
        page.screenshot("map-phone-list");

        // choosing one closes the sheet so its marker and popup are seen
        page.item("Sheet Bar").click();
        assertThat(page.browserWait().until(MapPage::shownPopupName).getText()).isEqualTo("Sheet Bar");
        assertThat(page.byId("sheet-toggle").getDomAttribute("aria-expanded")).isEqualTo("false");
        assertThat(page.results().get(0).isDisplayed()).isFalse();
        page.screenshot("map-phone-popup");
    }

    @Test
    void everySearchWorksFromTheKeyboardAlone() {
        double lng = 24;
        MapPage.seed(api, owner, 1, lng, "Key Cafe", 0, 0, "Key Bakery", 200, 0, "Lock Shop", 100, 100,
                "Far Key Diner", 0, 3000);
        page.open("/?latitude=1&longitude=" + lng + "&zoom=15");
        page.waitForResults(3);

        tabTo("q");
        typeInFocused("key" + Keys.ENTER);
        page.waitForResults(2);
        assertThat(page.listNames()).containsExactly("Key Cafe", "Key Bakery");

        tabTo(page.results().get(1));
        typeInFocused(Keys.ENTER);
        assertThat(page.browserWait().until(MapPage::shownPopupName).getText()).isEqualTo("Key Bakery");
        typeInFocused(Keys.ESCAPE);

        // the map pans with the arrow keys; "Search this area" is the next stop after it
        tabTo("map");
        for (int i = 0; i < 8; i++) { // 80 px a press; Leaflet ignores a press while the last pan still runs
            new Actions(driver).sendKeys(Keys.ARROW_RIGHT).pause(Duration.ofMillis(400)).perform();
        }
        page.browserWait().until(d -> page.byId("search-area").isDisplayed());
        tabTo("search-area");
        typeInFocused(Keys.ENTER);
        page.waitForResults(1);
        assertThat(page.listNames()).containsExactly("Far Key Diner");

        // the nearest menu opens, chooses and closes from the keyboard too
        tabTo("nearest");
        typeInFocused(Keys.ENTER);
        assertThat(page.byId("nearest-menu").getDomAttribute("open")).isNotNull();
        typeInFocused(Keys.ESCAPE);
        assertThat(page.byId("nearest-menu").getDomAttribute("open")).isNull();
        assertThat(focusedId()).isEqualTo("nearest");
        typeInFocused(Keys.ENTER);
        tabTo("nearest-open");
        typeInFocused(" "); // the seeded shops have no hours: not only open ones
        assertThat(page.byId("nearest-open").isSelected()).isFalse();
        tabTo("nearest-query");
        assertThat(page.text("nearest-query")).isEqualTo("Nearest “key”");
        typeInFocused(Keys.ENTER);
        page.waitForResults(3);
        assertThat(page.data("searchKind")).isEqualTo("nearest");
        assertThat(page.listNames()).first().isEqualTo("Far Key Diner"); // from the map centre, now beside it
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void search(String q) {
        WebElement box = page.byId("q");
        box.clear();
        box.sendKeys(q + Keys.ENTER);
        page.browserWait().until(d -> !"true".equals(page.data("searching")));
    }

    /** Presses Tab until the element with this id has the focus (at most 60 times). */
    private void tabTo(String id) {
        tabTo(page.byId(id));
    }

    private void tabTo(WebElement target) {
        for (int i = 0; i < 60; i++) {
            if (target.equals(driver.switchTo().activeElement())) {
                return;
            }
            typeInFocused(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + target);
    }

    private void typeInFocused(CharSequence keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    private String focusedId() {
        return driver.switchTo().activeElement().getDomAttribute("id");
    }

    /** Creates one business through the API; with {@code onlyOn} it opens 10:00–11:00 UTC on that day alone. */
    private void post(String name, String category, double lat, double lng, double north, double east,
            DayOfWeek onlyOn) {
        double[] at = MapPage.offset(lat, lng, north, east);
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.put("category", category);
        body.put("latitude", BigDecimal.valueOf(at[0]));
        body.put("longitude", BigDecimal.valueOf(at[1]));
        body.put("timeZone", "UTC");
        ArrayNode hours = body.putArray("hours");
        List<DayOfWeek> days = onlyOn == null ? List.of(DayOfWeek.values()) : List.of(onlyOn);
        for (DayOfWeek day : new ArrayList<>(days)) {
            hours.addObject().put("day", day.name()).put("open", onlyOn == null ? "00:00" : "10:00")
                    .put("close", onlyOn == null ? "24:00" : "11:00");
        }
        ApiClient.Response created = api.postJson("/v1/businesses", body.toString(), owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
