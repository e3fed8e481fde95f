package dev.proximity.map;

import dev.proximity.support.EmbeddedServersOnly;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.proximity.support.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer sees after the one command: the app on its embedded servers with the demo data seeded (its
 * own context and database), the map opened at the default centre with no parameters. Takes the screenshots
 * the README and docs/web.md show ({@code target/screenshots/first-visit-*.png}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "proximity.demo.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EmbeddedServersOnly("shows the demo data, which is seeded in the embedded mode only")
class FirstVisitBrowserTests {

    private static final Pattern TOTAL = Pattern.compile("(\\d+) businesses within 2\\.00 km");

    @LocalServerPort
    int port;

    private HeadlessChromium browser;
    private MapPage page;

    @BeforeAll
    void startBrowser() {
        browser = HeadlessChromium.start(HeadlessChromium.DESKTOP);
        page = new MapPage(browser, port);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theFirstMapIsADensePlausibleNeighbourhoodInTheCitysOwnScript() {
        page.open("/");
        page.waitForResults(50);
        Matcher total = TOTAL.matcher(page.text("total"));
        assertThat(total.lookingAt()).as(page.text("total")).isTrue();
        assertThat(Integer.parseInt(total.group(1))).isGreaterThanOrEqualTo(300);
        List<String> names = page.listNames();
        assertThat(names.stream().filter(FirstVisitBrowserTests::hasHangul).count())
                .as("names around Seoul City Hall in Hangul: %s", names).isGreaterThanOrEqualTo(35);
        assertThat(names.stream().distinct().count()).as("names that vary").isGreaterThanOrEqualTo(45);
        List<String> categories = page.driver().findElements(By.cssSelector("#results .result-meta")).stream()
                .map(meta -> meta.getText().replaceFirst(" · .*", "")).distinct().toList();
        assertThat(categories).as("a mix of kinds of business").hasSizeGreaterThanOrEqualTo(8);
        // beyond the page of 50 pins, every business in view is drawn as a dot
        page.browserWait().until(d -> !page.data("dots").isEmpty());
        assertThat(Integer.parseInt(page.data("dots"))).isGreaterThanOrEqualTo(Integer.parseInt(total.group(1)));
        page.browserWait().until(page.attribute("basemap", "ready"));
        page.screenshot("first-visit-desktop");

        // two clicks to the nearest open pharmacies (demo pharmacies keep hours in Seoul's time zone; some never close)
        page.byId("nearest").click();
        page.driver().findElement(By.cssSelector(".nearest-choice[data-category='pharmacy']")).click();
        page.browserWait().until(d -> "nearest".equals(page.data("searchKind")) && !"true".equals(page.data("searching"))
                && !page.results().isEmpty());
        assertThat(page.text("total")).startsWith("Nearest open pharmacy: ");
        page.screenshot("first-visit-nearest-pharmacy");

        browser.resize(HeadlessChromium.PHONE);
        page.open("/");
        page.waitForResults(50);
        page.browserWait().until(page.attribute("basemap", "ready"));
        page.screenshot("first-visit-phone");
        page.byId("sheet-toggle").click();
        page.browserWait().until(d -> page.results().get(0).isDisplayed());
        page.screenshot("first-visit-phone-list");
        browser.resize(HeadlessChromium.DESKTOP);
    }

    @Test
    void zoomedOutTheWorldShowsWhereTheBusinessesAre() {
        page.open("/#latitude=30&longitude=60&zoom=3");
        page.browserWait().until(d -> !page.data("clusters").isEmpty());
        assertThat(page.data("mode")).isEqualTo("clusters");
        assertThat(page.driver().findElements(By.cssSelector(".server-cluster")).size()).isGreaterThan(30);
        page.browserWait().until(page.attribute("basemap", "ready"));
        page.screenshot("first-visit-world");
    }

    private static boolean hasHangul(String name) {
        return name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }
}
