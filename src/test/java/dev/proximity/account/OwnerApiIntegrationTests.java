package dev.proximity.account;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.FullWidth;
import dev.proximity.support.ApiClient.Owner;
import dev.proximity.support.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.proximity.support.ProblemAssertions.assertFieldError;
import static dev.proximity.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@ApiIntegrationTest
class OwnerApiIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void registersSignsInAndKnowsWhoIsCalling() {
        Response registered = api.postJson("/v1/owners",
                "{\"email\":\"Mina.Kim@Example.com\",\"password\":\"long enough pass\",\"name\":\"Mina\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode owner = registered.json();
        assertThat(owner.get("id").asText()).matches("\\d+");
        assertThat(owner.get("role").asText()).isEqualTo("OWNER");
        assertThat(registered.body()).doesNotContain("long enough pass").doesNotContainIgnoringCase("hash");

        Response token = api.postJson("/v1/auth/token",
                "{\"email\":\"mina.kim@example.com\",\"password\":\"long enough pass\"}");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(token.json().get("expiresIn").asLong()).isEqualTo(3600);

        Response me = api.get("/v1/owners/me", "Authorization", "Bearer " + token.json().get("accessToken").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id")).isEqualTo(owner.get("id"));
    }

    @Test
    void refusesADuplicateEmailWhateverItsCase() {
        Owner first = api.newOwner();
        Response again = api.postJson("/v1/owners", "{\"email\":\"" + first.email().toUpperCase()
                + "\",\"password\":\"another password\",\"name\":\"Copy\"}");
        assertProblem(again, 409, "email-taken");
    }

    /**
     * Issue #20: the same address in full-width letters was another account (its own password, its own
     * sign-in bucket); with a trailing ideographic space or no-break spaces it must not be one either.
     */
    @Test
    void refusesADuplicateEmailInAnyUnicodeForm() {
        Owner first = api.newOwner();
        for (String same : new String[] {FullWidth.of(first.email()), first.email().toUpperCase() + "\\u3000",
                "\\u00a0" + FullWidth.of(first.email().toUpperCase())}) {
            Response again = api.postJson("/v1/owners",
                    "{\"email\":\"" + same + "\",\"password\":\"another password\",\"name\":\"Copy\"}");
            assertProblem(again, 409, "email-taken");
        }
    }

    @Test
    void signsInWithTheEmailInAnyUnicodeForm() {
        Owner owner = api.newOwner();
        for (String same : new String[] {FullWidth.of(owner.email()), owner.email() + "\\u3000",
                owner.email().toUpperCase()}) {
            Response token = api.postJson("/v1/auth/token",
                    "{\"email\":\"" + same + "\",\"password\":\"" + owner.password() + "\"}");
            assertThat(token.status()).as(same).isEqualTo(200);
        }
    }

    @Test
    void answersWrongPasswordAndUnknownEmailAlike() {
        Owner owner = api.newOwner();
        Response wrongPassword = api.postJson("/v1/auth/token",
                "{\"email\":\"" + owner.email() + "\",\"password\":\"not the password\"}");
        Response unknownEmail = api.postJson("/v1/auth/token",
                "{\"email\":\"nobody-" + owner.email() + "\",\"password\":\"not the password\"}");
        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertProblem(unknownEmail, 401, "invalid-credentials");
        // alike but for the request id each answer carries
        assertThat(withoutRequestId(wrongPassword)).isEqualTo(withoutRequestId(unknownEmail));
        assertThat(wrongPassword.json().get("requestId").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void validatesRegistrations() {
        assertFieldError(api.postJson("/v1/owners", "{\"email\":\"not-an-email\",\"password\":\"long enough\",\"name\":\"A\"}"),
                "email");
        assertFieldError(api.postJson("/v1/owners", "{\"email\":\"a@example.com\",\"password\":\"short\",\"name\":\"A\"}"),
                "password");
        assertFieldError(api.postJson("/v1/owners", "{\"email\":\"a@example.com\",\"password\":\"long enough\"}"),
                "name");
        assertFieldError(api.postJson("/v1/owners",
                "{\"email\":\"a@example.com\",\"password\":\"long enough\",\"name\":\"A\",\"role\":\"ADMIN\"}"), "role");
    }

    @Test
    void refusesForgedAndForeignTokens() {
        Owner owner = api.newOwner();
        String[] parts = owner.token().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forgedClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("\"OWNER\"", "\"ADMIN\"").getBytes());
        String forged = parts[0] + "." + forgedClaims + "." + parts[2];
        assertProblem(api.get("/v1/owners/me", "Authorization", "Bearer " + forged), 401, "unauthorized");

        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        assertProblem(api.get("/v1/owners/me", "Authorization", "Bearer " + unsigned), 401, "unauthorized");
    }

    private static JsonNode withoutRequestId(Response response) {
        ObjectNode body = (ObjectNode) response.json().deepCopy();
        body.remove("requestId");
        return body;
    }
}
