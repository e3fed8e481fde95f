package dev.proximity.business;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner pages' CSV import in a real (headless) Chromium: the file goes up with the session cookie and CSRF
 * token, the progress bar follows the upload and then the background job, and the page ends with what happened.
 */
@ApiIntegrationTest
class OwnerImportBrowserTests {

    /** Every value the bar took, with the phase shown beside it at that moment (recorded in the page). */
    private static final String RECORD_BAR = """
            window.barSeen = [];
            var bar = document.getElementById('import-bar');
            var phase = document.getElementById('import-phase');
            new MutationObserver(function () {
                window.barSeen.push({phase: phase.textContent, value: bar.value, max: bar.max});
            }).observe(bar, {attributes: true});
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HeadlessChromium browser;
    WebDriver driver;
    WebDriverWait wait;
    ApiClient.Owner owner;
    String base;

    @BeforeEach
    void signIn() {
        owner = new ApiClient(port).newOwner();
        base = "http://127.0.0.1:" + port;
        browser = HeadlessChromium.start(HeadlessChromium.DESKTOP);
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get(base + "/signin");
        driver.findElement(By.id("email")).sendKeys(owner.email());
        driver.findElement(By.id("password")).sendKeys(owner.password());
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/owner/businesses"));
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void anOwnerImportsACsvFileWatchingTheBarAdvanceToTheEnd() throws IOException {
        Path file = csvFile(BackgroundImportIntegrationTests.csv("Browser import", 4000));
        driver.findElement(By.linkText("Import a CSV file")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/owner/businesses/import"));
        ((JavascriptExecutor) driver).executeScript(RECORD_BAR);

        driver.findElement(By.id("import-file")).sendKeys(file.toString());
        driver.findElement(By.id("import-start")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-done")));

        assertThat(driver.findElement(By.id("import-done")).getText()).isEqualTo("Imported 4,000 businesses.");
        assertThat(driver.findElement(By.id("import-counts")).getText()).startsWith("4,000 rows read, 4,000 written");
        browser.screenshot("owner-import-desktop");
        List<Map<String, Object>> seen = barSeen();
        // the upload's bytes, then the job's rows: each phase starts empty and ends full
        assertThat(seen).anySatisfy(step -> assertThat(step.get("phase").toString()).startsWith("Uploading"));
        assertThat(seen).anySatisfy(step -> assertThat(step.get("phase")).isEqualTo("Importing"));
        Map<String, Object> last = seen.get(seen.size() - 1);
        assertThat(last.get("phase")).isEqualTo("Imported");
        assertThat(number(last.get("value"))).isEqualTo(number(last.get("max"))).isEqualTo(4000);
        assertThat(seen.stream().filter(step -> step.get("phase").toString().startsWith("Uploading"))
                .mapToDouble(step -> number(step.get("value"))).max().orElseThrow())
                .isEqualTo((double) Files.size(file));
        assertThat(namesOf(owner)).hasSize(4000).allMatch(name -> name.startsWith("Browser import "));

        driver.findElement(By.linkText("Back to my businesses")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/owner/businesses"));
        assertThat(driver.findElements(By.cssSelector(".business-item"))).hasSize(OwnerBusinessListController.PAGE_SIZE);
    }

    @Test
    void aFileWithABadLineShowsTheLineAndNothingIsWritten() throws IOException {
        String csv = BackgroundImportIntegrationTests.csv("Almost", 2000)
                + "Too far north,cafe,91,10\n";
        Path file = csvFile(csv);
        driver.get(base + "/owner/businesses/import");

        driver.findElement(By.id("import-file")).sendKeys(file.toString());
        driver.findElement(By.id("import-start")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-failed")));

        assertThat(driver.findElement(By.id("import-failed-detail")).getText())
                .isEqualTo("1 line(s) are invalid; nothing was imported");
        assertThat(driver.findElements(By.cssSelector("#import-errors li"))).singleElement()
                .satisfies(line -> assertThat(line.getText()).startsWith("Line 2002: latitude"));
        assertThat(driver.findElement(By.id("import-done")).isDisplayed()).isFalse();
        browser.screenshot("owner-import-failed-desktop");
        assertThat(namesOf(owner)).isEmpty();
        // the form is ready for a corrected file
        assertThat(driver.findElement(By.id("import-start")).isEnabled()).isTrue();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> barSeen() {
        return (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("return window.barSeen;");
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Path csvFile(String csv) throws IOException {
        Path file = Files.createTempFile("proximity-import-test-", ".csv");
        file.toFile().deleteOnExit();
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private List<String> namesOf(ApiClient.Owner by) {
        return jdbc.queryForList("SELECT name FROM business WHERE owner_id = ?", String.class, Long.parseLong(by.id()));
    }
}
