package dev.proximity.business;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An owner in a real (headless) Chromium: signs up, places a pin on the map to create a business, finds it in
 * search, drags the pin and renames it, deletes it. Screenshots of every owner page at desktop and phone width
 * go to {@code target/screenshots/}.
 */
@ApiIntegrationTest
class OwnerPagesBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void anOwnerSignsUpPlacesAPinEditsAndDeletesABusiness() {
        ApiClient api = new ApiClient(port);
        String base = "http://127.0.0.1:" + port;
        String email = "browser-" + UUID.randomUUID() + "@example.com";
        String password = "a long browser passphrase";
        try (HeadlessChromium browser = HeadlessChromium.start(HeadlessChromium.DESKTOP)) {
            WebDriver driver = browser.driver();
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));

            // sign up, and land signed in on the (empty) list
            driver.get(base + "/signup");
            browser.screenshot("owner-signup-desktop");
            driver.findElement(By.id("name")).sendKeys("Bora");
            driver.findElement(By.id("email")).sendKeys(email);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            wait.until(ExpectedConditions.urlToBe(base + "/owner/businesses"));
            assertThat(driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Welcome, Bora. Your account is ready.");

            // create: the pin map is live (its script ran under the CSP); clicking it fills latitude and longitude
            driver.findElement(By.linkText("Add a business")).click();
            WebElement pinMap = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#pin-map.leaflet-container")));
            assertThat(value(driver, "latitude")).isEmpty();
            driver.findElement(By.id("name")).sendKeys("Browser Bakery");
            driver.findElement(By.id("category")).sendKeys("bakery");
            centre(driver, pinMap);
            new Actions(driver).moveToElement(pinMap, 40, -30).click().perform();
            wait.until(d -> !value(d, "latitude").isEmpty());
            double latitude = Double.parseDouble(value(driver, "latitude"));
            double longitude = Double.parseDouble(value(driver, "longitude"));
            // the map opens at the configured centre (Seoul City Hall) at street zoom: the pin lands near it
            assertThat(latitude).isBetween(37.5, 37.65);
            assertThat(longitude).isBetween(126.9, 127.05);
            assertThat(driver.findElements(By.cssSelector("#pin-map .pin-icon"))).hasSize(1);
            new Select(driver.findElement(By.id("timeZone"))).selectByValue("Asia/Seoul");
            new Select(driver.findElement(By.id("hours0.day"))).selectByValue("MONDAY");
            driver.findElement(By.id("hours0.open")).sendKeys("07:00");
            driver.findElement(By.id("hours0.close")).sendKeys("19:00");
            centre(driver, pinMap);
            browser.screenshot("owner-business-form-desktop");
            driver.findElement(By.cssSelector("form.business-form button.primary")).click();
            wait.until(ExpectedConditions.urlToBe(base + "/owner/businesses"));
            assertThat(driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Added \u201cBrowser Bakery\u201d.");
            assertThat(driver.findElement(By.cssSelector(".business-name")).getText()).isEqualTo("Browser Bakery");
            browser.screenshot("owner-businesses-desktop");
            String id = driver.findElement(By.cssSelector(".business-item")).getDomAttribute("data-business-id");

            // it is found where the pin was placed: in search, and on the map page around that spot
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(namesNear(api, latitude, longitude)).contains("Browser Bakery"));
            driver.get(base + "/?latitude=" + latitude + "&longitude=" + longitude + "&zoom=17&radius=500");
            wait.until(d -> d.findElements(By.cssSelector("#results .result .result-name")).stream()
                    .anyMatch(e -> e.getText().equals("Browser Bakery")));
            assertThat(driver.findElement(By.cssSelector(".site-header .signed-in-as")).getText())
                    .as("the map's header knows who is signed in").isEqualTo("Bora");
            browser.screenshot("owner-business-on-map-desktop");
            driver.navigate().to(base + "/owner/businesses");

            // edit: drag the pin, rename (to text that would be markup if it were not escaped)
            driver.findElement(By.cssSelector("a[aria-label='Edit Browser Bakery']")).click();
            WebElement pin = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#pin-map .pin-icon")));
            assertThat(value(driver, "latitude")).isEqualTo(BigDecimalText.of(latitude));
            centre(driver, pin);
            new Actions(driver).clickAndHold(pin).moveByOffset(20, 10).moveByOffset(40, 20).release().perform();
            wait.until(d -> !value(d, "longitude").equals(BigDecimalText.of(longitude)));
            double movedLatitude = Double.parseDouble(value(driver, "latitude"));
            double movedLongitude = Double.parseDouble(value(driver, "longitude"));
            assertThat(movedLatitude).as("dragged down: south").isLessThan(latitude);
            assertThat(movedLongitude).as("dragged right: east").isGreaterThan(longitude);
            WebElement name = driver.findElement(By.id("name"));
            name.clear();
            name.sendKeys("Bakery <img src=x onerror=alert(1)>");
            driver.findElement(By.cssSelector("form.business-form button.primary")).click();
            wait.until(ExpectedConditions.urlToBe(base + "/owner/businesses"));
            assertThat(driver.findElement(By.cssSelector(".business-name")).getText())
                    .isEqualTo("Bakery <img src=x onerror=alert(1)>");
            assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            JsonNode saved = api.get("/v1/businesses/" + id).json();
            assertThat(saved.get("latitude").asDouble()).isEqualTo(movedLatitude);
            assertThat(saved.get("longitude").asDouble()).isEqualTo(movedLongitude);
            assertThat(saved.get("hours").toString()).isEqualTo("[{\"day\":\"MONDAY\",\"open\":\"07:00\",\"close\":\"19:00\"}]");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    namesNear(api, movedLatitude, movedLongitude)).contains("Bakery <img src=x onerror=alert(1)>"));

            // delete, after the confirmation page
            driver.findElement(By.cssSelector(".business-actions a[href$='/delete']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.danger")));
            browser.screenshot("owner-business-delete-desktop");
            browser.resize(HeadlessChromium.PHONE);
            browser.screenshot("owner-business-delete-phone");
            driver.navigate().to(base + "/owner/businesses/" + id + "/edit");
            centre(driver, wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#pin-map"))));
            browser.screenshot("owner-business-form-phone");
            driver.navigate().to(base + "/owner/businesses");
            browser.screenshot("owner-businesses-phone");
            driver.navigate().to(base + "/owner/businesses/" + id + "/delete");
            browser.resize(HeadlessChromium.DESKTOP);
            driver.findElement(By.cssSelector("button.danger")).click();
            wait.until(ExpectedConditions.urlToBe(base + "/owner/businesses"));
            assertThat(driver.findElement(By.cssSelector(".notice")).getText()).startsWith("Deleted \u201cBakery");
            assertThat(driver.findElements(By.cssSelector(".business-item"))).isEmpty();
            assertThat(api.get("/v1/businesses/" + id).status()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(namesNear(api, movedLatitude, movedLongitude)).isEmpty());

            // sign out, and the sign-in page at both widths
            driver.findElement(By.cssSelector(".site-header .sign-out button")).click();
            wait.until(ExpectedConditions.urlToBe(base + "/signin?signedOut"));
            browser.screenshot("owner-signin-desktop");
            browser.resize(HeadlessChromium.PHONE);
            browser.screenshot("owner-signin-phone");
            driver.navigate().to(base + "/signup");
            browser.screenshot("owner-signup-phone");
        }
    }

    /** Actions do not scroll: bring the element to the middle of the viewport first. */
    private static void centre(WebDriver driver, WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    private static String value(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    private static java.util.List<String> namesNear(ApiClient api, double latitude, double longitude) {
        JsonNode found = api.get("/v1/search/nearby?latitude=" + latitude + "&longitude=" + longitude
                + "&radius=30&limit=50").json().get("businesses");
        java.util.List<String> names = new java.util.ArrayList<>();
        found.forEach(b -> names.add(b.get("name").asText()));
        return names;
    }

    /** How the edit form shows a stored coordinate (plain decimal, as BigDecimal prints a double). */
    private static final class BigDecimalText {

        static String of(double degrees) {
            return java.math.BigDecimal.valueOf(degrees).toPlainString();
        }
    }
}
