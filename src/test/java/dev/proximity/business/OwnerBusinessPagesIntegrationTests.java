package dev.proximity.business;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.PageClient;
import dev.proximity.support.PageClient.Page;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The owner's business pages over real HTTP, checked against what the REST API then reads. */
@ApiIntegrationTest
class OwnerBusinessPagesIntegrationTests {

    private static final String FORM = "form.business-form";

    @LocalServerPort
    int port;

    ApiClient api;
    Owner owner;
    PageClient browser;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        owner = api.newOwner();
        browser = signedIn(owner);
    }

    @Test
    void createsABusinessWithEveryFieldOfTheApi() {
        Page form = browser.get("/owner/businesses/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).as("nothing inline for the CSP to refuse").doesNotContain("<style")
                .doesNotContain("style=\"").containsPattern("<script defer src=\"/assets/owner-pin-[0-9a-f]{16}\\.js\"");
        assertThat(form.body().replaceAll("<script defer src=\"[^\"]+\"></script>", "")).doesNotContain("<script");
        Map<String, String> fields = new HashMap<>(Map.of("name", "Cafe Onion", "category", "cafe",
                "latitude", "37.5664", "longitude", "126.9779", "address", "5 Gyedong-gil", "city", "Seoul",
                "state", "Seoul", "country", "KR", "postalCode", "03059", "phone", "+82 2 1234 5678"));
        fields.putAll(Map.of("website", "https://onion.example", "timeZone", "Asia/Seoul",
                "hours[0].day", "FRIDAY", "hours[0].open", "18:00", "hours[0].close", "02:00",
                "hours[1].day", "SATURDAY", "hours[1].open", "09:00", "hours[1].close", "24:00"));

        Page created = browser.submit(form, FORM, fields);

        assertThat(created.status()).as(created.body()).isEqualTo(302);
        Page list = browser.follow(created);
        assertThat(list.document().select(".notice").text()).isEqualTo("Added \u201cCafe Onion\u201d.");
        JsonNode business = onlyBusinessOf(owner);
        assertThat(business.get("name").asText()).isEqualTo("Cafe Onion");
        assertThat(business.get("latitude").asDouble()).isEqualTo(37.5664);
        assertThat(business.get("longitude").asDouble()).isEqualTo(126.9779);
        assertThat(business.get("country").asText()).isEqualTo("KR");
        assertThat(business.get("postalCode").asText()).isEqualTo("03059");
        assertThat(business.get("website").asText()).isEqualTo("https://onion.example");
        assertThat(business.get("timeZone").asText()).isEqualTo("Asia/Seoul");
        assertThat(business.get("hours").toString()).isEqualTo("[{\"day\":\"FRIDAY\",\"open\":\"18:00\",\"close\":\"02:00\"},"
                + "{\"day\":\"SATURDAY\",\"open\":\"09:00\",\"close\":\"24:00\"}]");
        assertThat(list.document().select(".business-name").text()).isEqualTo("Cafe Onion");
    }

    @Test
    void aDoubleSubmittedCreateMakesOneBusiness() {
        Page form = browser.get("/owner/businesses/new");
        Map<String, String> fields = Map.of("name", "Once", "category", "bar", "latitude", "1.5", "longitude", "2.5");

        assertThat(browser.submit(form, FORM, fields).status()).isEqualTo(302);
        assertThat(browser.submit(form, FORM, fields).status()).isEqualTo(302);

        assertThat(api.get("/v1/owners/me/businesses", owner.auth()).json().get("businesses")).hasSize(1);
    }

    @Test
    void invalidValuesComeBackBesideTheirFieldsAndNothingIsSaved() {
        Page form = browser.get("/owner/businesses/new");

        Map<String, String> fields = new HashMap<>(Map.of("name", " ", "category", "Not A Category",
                "latitude", "91", "longitude", "east", "website", "ftp://files.example", "country", "ZZ"));
        fields.putAll(Map.of("hours[2].day", "MONDAY", "hours[2].open", "09:00", "hours[2].close", "",
                "hours[3].day", "TUESDAY", "hours[3].open", "10:00", "hours[3].close", "10:00"));
        Page rejected = browser.submit(form, FORM, fields);

        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.fieldError("name")).isEqualTo("must not be blank");
        assertThat(rejected.fieldError("category")).isEqualTo("must be 1 to 50 of a-z, 0-9, _ and -");
        assertThat(rejected.fieldError("latitude")).isEqualTo("must be less than or equal to 90");
        assertThat(rejected.fieldError("longitude")).startsWith("must be a decimal number of degrees");
        assertThat(rejected.fieldError("website")).isNotBlank();
        assertThat(rejected.fieldError("country")).startsWith("must be an ISO 3166-1 alpha-2");
        assertThat(rejected.fieldError("hours[2].close")).isEqualTo("enter both the opening and the closing time");
        assertThat(rejected.document().getElementById("longitude").val()).isEqualTo("east");
        assertThat(api.get("/v1/owners/me/businesses", owner.auth()).json().get("businesses")).isEmpty();

        // once the rest is right, the service's own rule on equal open and close lands beside that row
        Page sameTimes = browser.submit(form, FORM, Map.of("name", "Shop", "category", "shop",
                "latitude", "10", "longitude", "20", "hours[3].day", "TUESDAY", "hours[3].open", "10:00",
                "hours[3].close", "10:00"));
        assertThat(sameTimes.status()).isEqualTo(200);
        assertThat(sameTimes.fieldError("hours[3].close")).startsWith("must differ from open");
        assertThat(api.get("/v1/owners/me/businesses", owner.auth()).json().get("businesses")).isEmpty();
    }

    @Test
    void editsAndTellsWhenTheBusinessChangedMeanwhile() {
        String id = createByApi(owner, "Old name");
        Page edit = browser.get("/owner/businesses/" + id + "/edit");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.document().getElementById("name").val()).isEqualTo("Old name");

        // someone else (here the API) saves first: version 0 -> 1
        assertThat(api.putJson("/v1/businesses/" + id,
                "{\"name\":\"Their name\",\"category\":\"cafe\",\"latitude\":1,\"longitude\":2}",
                owner.auth()).status()).isEqualTo(200);

        Page conflict = browser.submit(edit, FORM, Map.of("name", "My name"));
        assertThat(conflict.status()).isEqualTo(200);
        assertThat(conflict.document().select(".problem").text()).contains("changed elsewhere while you were editing");
        assertThat(conflict.document().getElementById("name").val()).as("the owner's input is kept").isEqualTo("My name");
        assertThat(api.get("/v1/businesses/" + id).json().get("name").asText()).isEqualTo("Their name");

        Page saved = browser.submit(conflict, FORM, Map.of());
        assertThat(saved.status()).isEqualTo(302);
        assertThat(browser.follow(saved).document().select(".notice").text()).isEqualTo("Saved \u201cMy name\u201d.");
        JsonNode now = api.get("/v1/businesses/" + id).json();
        assertThat(now.get("name").asText()).isEqualTo("My name");
        assertThat(now.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void deletesAfterAConfirmationPage() {
        String id = createByApi(owner, "Short-lived");
        Page confirm = browser.get("/owner/businesses/" + id + "/delete");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.document().select(".business-facts dd").first().text()).isEqualTo("Short-lived");
        assertThat(api.get("/v1/businesses/" + id).status()).as("the page alone deletes nothing").isEqualTo(200);

        Page deleted = browser.submit(confirm, "form[action$=/delete]", Map.of());

        assertThat(deleted.status()).isEqualTo(302);
        assertThat(browser.follow(deleted).document().select(".notice").text()).isEqualTo("Deleted \u201cShort-lived\u201d.");
        assertThat(api.get("/v1/businesses/" + id).status()).isEqualTo(404);
    }

    @Test
    void anotherOwnersBusinessIsNotFoundOnEveryPage() {
        Owner other = api.newOwner();
        String theirs = createByApi(other, "Not yours");
        Page ownPage = browser.get("/owner/businesses/new"); // for a valid CSRF token
        String csrf = ownPage.document().selectFirst("input[name=_csrf]").val();

        Page edit = browser.get("/owner/businesses/" + theirs + "/edit");
        assertThat(edit.status()).isEqualTo(404);
        assertThat(edit.document().select("h1").text()).as("the 404 page, not a form").isEqualTo("Not found");
        assertThat(edit.body()).doesNotContain("Not yours");
        assertThat(browser.get("/owner/businesses/" + theirs + "/delete").status()).isEqualTo(404);
        assertThat(browser.post("/owner/businesses/" + theirs + "/delete",
                Map.of("_csrf", csrf, "version", "0")).status()).isEqualTo(404);
        assertThat(browser.post("/owner/businesses/" + theirs + "/edit", Map.of("_csrf", csrf, "version", "0",
                "name", "Taken over", "category", "cafe", "latitude", "1", "longitude", "2")).status()).isEqualTo(404);
        assertThat(browser.get("/owner/businesses/999999999/edit").status()).isEqualTo(404);
        assertThat(browser.get("/owner/businesses/not-an-id/edit").status()).isEqualTo(404);

        JsonNode untouched = api.get("/v1/businesses/" + theirs).json();
        assertThat(untouched.get("name").asText()).isEqualTo("Not yours");
        assertThat(untouched.get("version").asLong()).isZero();
    }

    @Test
    void aWriteWithoutItsCsrfTokenIsRefused() {
        String id = createByApi(owner, "Guarded");
        assertThat(browser.post("/owner/businesses/" + id + "/delete", Map.of("version", "0")).status())
                .isEqualTo(403);
        assertThat(browser.post("/owner/businesses/new", Map.of("name", "X", "category", "cafe",
                "latitude", "1", "longitude", "2")).status()).isEqualTo(403);
        assertThat(api.get("/v1/businesses/" + id).status()).isEqualTo(200);
        assertThat(api.get("/v1/owners/me/businesses", owner.auth()).json().get("businesses")).hasSize(1);
    }

    @Test
    void listsManyBusinessesInPagesNewestFirst() {
        StringBuilder csv = new StringBuilder("name,category,latitude,longitude\n");
        for (int i = 1; i <= OwnerBusinessListController.PAGE_SIZE + 5; i++) {
            csv.append("Shop ").append(i).append(",shop,10,").append(i).append('\n');
        }
        assertThat(api.send("POST", "/v1/businesses/import", "text/csv", csv.toString(), owner.auth()).status())
                .isEqualTo(200);

        Page first = browser.get("/owner/businesses");
        assertThat(first.document().select(".business-item")).hasSize(OwnerBusinessListController.PAGE_SIZE);
        Element older = first.document().selectFirst(".pager a[rel=next]");
        assertThat(older).isNotNull();

        Page second = browser.get(older.attr("href"));
        assertThat(second.document().select(".business-item")).hasSize(5);
        assertThat(second.document().selectFirst(".pager a[rel=next]")).isNull();
        assertThat(second.document().select(".business-name").eachText())
                .doesNotContainAnyElementsOf(first.document().select(".business-name").eachText());
    }

    private PageClient signedIn(Owner who) {
        PageClient client = new PageClient(port);
        Page signedIn = client.submit(client.get("/signin"), "form[action$=/signin]",
                Map.of("email", who.email(), "password", who.password()));
        assertThat(signedIn.header("Location")).endsWith("/owner/businesses");
        return client;
    }

    private String createByApi(Owner who, String name) {
        ApiClient.Response created = api.postJson("/v1/businesses",
                "{\"name\":\"" + name + "\",\"category\":\"cafe\",\"latitude\":37.5,\"longitude\":127.0}", who.auth());
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private JsonNode onlyBusinessOf(Owner who) {
        JsonNode businesses = api.get("/v1/owners/me/businesses", who.auth()).json().get("businesses");
        assertThat(businesses).hasSize(1);
        return businesses.get(0);
    }
}
