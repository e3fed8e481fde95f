package dev.proximity.system;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.proximity.client.ApiClient;
import dev.proximity.client.ApiException;
import dev.proximity.client.ApiResponse;
import dev.proximity.client.api.BusinessesApi;
import dev.proximity.client.api.OwnersApi;
import dev.proximity.client.api.SearchApi;
import dev.proximity.client.model.BusinessRequest;
import dev.proximity.client.model.BusinessResponse;
import dev.proximity.client.model.Item;
import dev.proximity.client.model.NearbyResult;
import dev.proximity.client.model.OpeningHours;
import dev.proximity.client.model.OwnerRegistration;
import dev.proximity.client.model.OwnerResponse;
import dev.proximity.client.model.Problem;
import dev.proximity.client.model.ProblemError;
import dev.proximity.client.model.TokenRequest;
import dev.proximity.client.model.TokenResponse;
import dev.proximity.support.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * An owner's whole journey through the client that {@code mvn verify} generates from {@code docs/openapi.json}
 * (package {@code dev.proximity.client}, under {@code target/generated-test-sources}): if a call cannot be made
 * through it, or an answer does not parse into its model, the committed contract is wrong. Responses are read
 * strictly, so a property the server sends but the document does not declare fails here too.
 */
@ApiIntegrationTest
class GeneratedClientTests {

    @LocalServerPort
    int port;

    private ApiClient anonymous;

    @BeforeEach
    void client() {
        anonymous = client(null);
    }

    @Test
    void registersSignsInCreatesFindsPagesUpdatesAndDeletes() throws Exception {
        String email = "client-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse " + UUID.randomUUID();
        OwnerResponse registered = new OwnersApi(anonymous).registerOwner(
                new OwnerRegistration().email(email).password(password).name("Generated Client"));
        assertThat(registered.getId()).matches("[0-9]+");
        assertThat(registered.getEmail()).isEqualTo(email);

        TokenResponse token = new OwnersApi(anonymous).createToken(new TokenRequest().email(email).password(password));
        assertThat(token.getTokenType()).isEqualTo("Bearer");
        assertThat(token.getExpiresIn()).isPositive();
        ApiClient owner = client(token.getAccessToken());
        assertThat(new OwnersApi(owner).getCurrentOwner().getId()).isEqualTo(registered.getId());

        // Five businesses of a category no other test uses, 100 m apart going east from the centre: one is the
        // centre itself, the farthest 400 m away (at 10 degrees north a degree of longitude is about 109.6 km).
        BusinessesApi businesses = new BusinessesApi(owner);
        String category = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        double latitude = 10.123456;
        double longitude = 20.654321;
        List<String> createdIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BusinessResponse created = businesses.createBusiness(business("Stop " + i, category, latitude,
                    plainDecimal(longitude + i * 100 / 109_600.0)), UUID.randomUUID().toString());
            assertThat(created.getVersion()).isNotNull();
            assertThat(created.getOwnerId()).isEqualTo(registered.getId());
            createdIds.add(created.getId());
        }

        SearchApi search = new SearchApi(anonymous);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                search.searchNearby(latitude, longitude, 1000.0, 2, List.of(category), null, null, null, null)
                        .getTotal()).isEqualTo(5));
        List<String> foundIds = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        String pageToken = null;
        int pages = 0;
        do {
            NearbyResult page = search.searchNearby(latitude, longitude, 1000.0, 2, List.of(category), null, null,
                    "s2", pageToken);
            assertThat(page.getTotal()).isEqualTo(5);
            assertThat(page.getBusinesses()).hasSizeBetween(1, 2);
            for (Item item : page.getBusinesses()) {
                foundIds.add(item.getId());
                distances.add(item.getDistance());
            }
            pageToken = page.getNextPageToken();
            pages++;
        } while (pageToken != null);
        assertThat(pages).isEqualTo(3);
        assertThat(foundIds).containsExactlyElementsOf(createdIds);
        assertThat(distances).isSorted();

        String id = createdIds.get(0);
        ApiResponse<BusinessResponse> read = businesses.getBusinessWithHttpInfo(id, null);
        String etag = read.getHeaders().get("etag").get(0);
        assertThat(etag).isEqualTo("\"" + read.getData().getVersion() + "\"");
        assertThat(catchThrowableOfType(ApiException.class, () -> businesses.getBusiness(id, etag)).getCode())
                .as("If-None-Match with the current ETag").isEqualTo(304);

        BusinessRequest renamed = business("Stop 0, renamed", category, latitude, longitude)
                .addHoursItem(new OpeningHours().day(OpeningHours.DayEnum.MONDAY).open("09:00").close("18:00"));
        BusinessResponse replaced = businesses.replaceBusiness(id, renamed, etag);
        assertThat(replaced.getName()).isEqualTo("Stop 0, renamed");
        assertThat(replaced.getVersion()).isGreaterThan(read.getData().getVersion());
        assertThat(replaced.getHours()).extracting(OpeningHours::getOpen).containsExactly("09:00");

        Problem stale = problem(() -> businesses.replaceBusiness(id, renamed, etag), 412);
        assertThat(stale.getType()).isEqualTo("/problems/stale-version");
        assertThat(stale.getDetail()).contains("\"" + replaced.getVersion() + "\"");

        businesses.deleteBusiness(id, "\"" + replaced.getVersion() + "\"");
        Problem gone = problem(() -> businesses.getBusiness(id, null), 404);
        assertThat(gone.getType()).isEqualTo("/problems/business-not-found");
        assertThat(businesses.listMyBusinesses(10, null).getBusinesses()).extracting(BusinessResponse::getId)
                .containsExactlyInAnyOrderElementsOf(createdIds.subList(1, 5));
    }

    @Test
    void surfacesAValidationErrorAsTheProblemModel() throws Exception {
        OwnersApi owners = new OwnersApi(anonymous);
        String email = "client-" + UUID.randomUUID() + "@example.com";
        owners.registerOwner(new OwnerRegistration().email(email).password("correct horse battery").name("Owner"));
        ApiClient owner = client(owners.createToken(new TokenRequest().email(email).password("correct horse battery"))
                .getAccessToken());

        ApiException refused = catchThrowableOfType(ApiException.class, () -> new BusinessesApi(owner)
                .createBusiness(business("Off the map", "cafe", 91.0, 0.5), null));
        assertThat(refused.getCode()).isEqualTo(400);
        assertThat(refused.getResponseHeaders().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        Problem problem = owner.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo("/problems/validation-failed");
        assertThat(problem.getTitle()).isEqualTo("Invalid request");
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getErrors()).extracting(ProblemError::getField).containsExactly("latitude");
        assertThat(problem.getErrors()).extracting(ProblemError::getMessage).allSatisfy(
                message -> assertThat(message).isNotBlank());

        Problem unauthorized = problem(() -> new BusinessesApi(anonymous)
                .createBusiness(business("No token", "cafe", 1.5, 2.5), null), 401);
        assertThat(unauthorized.getType()).isEqualTo("/problems/unauthorized");
    }

    private ApiClient client(String bearerToken) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setObjectMapper(client.getObjectMapper().copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        if (bearerToken != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearerToken));
        }
        return client;
    }

    private static BusinessRequest business(String name, String category, double latitude, double longitude) {
        return new BusinessRequest().name(name).category(category).latitude(latitude).longitude(longitude)
                .country("KR").timeZone("Asia/Seoul");
    }

    /** Six decimals, as a client would send a position (the API refuses more digits than a double holds). */
    private static double plainDecimal(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The problem the generated client's {@link ApiException} carries, read into the generated model. */
    private Problem problem(Call call, int status) throws IOException {
        ApiException e = catchThrowableOfType(ApiException.class, call::run);
        assertThat(e).as("an ApiException").isNotNull();
        assertThat(e.getCode()).as(e.getResponseBody()).isEqualTo(status);
        Problem problem = anonymous.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getTitle()).isNotBlank();
        return problem;
    }

    private interface Call {
        void run() throws ApiException;
    }
}
