package dev.proximity.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.proximity.support.ApiClient;
import dev.proximity.support.ApiIntegrationTest;
import dev.proximity.support.OpenApiJson;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docs/openapi.json} is the contract clients build against (the test client is generated from it), so it
 * must be exactly what the running app publishes. A change to the API changes the committed file in the same
 * commit; {@code -Dopenapi.write=true} rewrites it from the running app.
 */
@ApiIntegrationTest
class OpenApiDocumentTests {

    static final Path COMMITTED = Path.of("docs", "openapi.json");
    static final String REGENERATE = "mvn test -Dtest=OpenApiDocumentTests -Dopenapi.write=true";

    @LocalServerPort
    int port;

    @Test
    void matchesTheCommittedDocument() throws IOException {
        String live = OpenApiJson.canonical(new ApiClient(port).get("/v3/api-docs").body());
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, live, StandardCharsets.UTF_8);
            LoggerFactory.getLogger(OpenApiDocumentTests.class)
                    .info("Wrote {} from the running app; review and commit it.", COMMITTED);
            return;
        }
        assertThat(COMMITTED).as("%s is missing; run %s", COMMITTED, REGENERATE).exists();
        String committed = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        if (committed.equals(live)) {
            return;
        }
        List<String> differences = OpenApiJson.differences(OpenApiJson.tree(committed), OpenApiJson.tree(live), 20);
        fail(COMMITTED + " differs from the app's /v3/api-docs"
                + (differences.isEmpty() ? " in layout only (not in its canonical form)" : ":\n  "
                        + String.join("\n  ", differences))
                + "\nIf the change is intended, regenerate the file and commit it with the change:\n  " + REGENERATE);
    }
}
