package dev.proximity.business;

import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.system.Ids;
import dev.proximity.system.ProblemTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/businesses/imports/{id}}: a background import's state and progress, for its owner only. */
@Tag(name = "Businesses")
@RestController
class ImportJobController {

    /** How soon a client polling a running job should ask again. */
    static final String POLL_SECONDS = "1";

    private final BackgroundImports imports;

    ImportJobController(BackgroundImports imports) {
        this.imports = imports;
    }

    @Operation(operationId = "getImportJob", summary = "Read a background import's state and progress",
            description = "state is running, then committed (every row is there) or failed (nothing is there;"
                    + " failure and errors say why). Read from the primary: never stale. Kept for"
                    + " proximity.import.jobs.retention (24 h) after it ended.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "The job", headers = @Header(name = HttpHeaders.RETRY_AFTER,
            description = "While running: seconds until the next look is worth it", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "You have no import job with this id")
    @ProblemTypes({"malformed-id", "import-job-not-found"})
    @GetMapping(path = "/v1/businesses/imports/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportJob> get(
            @Parameter(description = "The job's id, a string of decimal digits",
                    schema = @Schema(type = "string", pattern = "^[0-9]{1,30}$"))
            @PathVariable String id, Authentication authentication) {
        long jobId = Ids.parse(id, "id").orElseThrow(ImportJobNotFoundException::forUnknownId);
        ImportJob job = imports.job(AuthenticatedOwner.from(authentication).id(), jobId);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().cacheControl(CacheControl.noStore());
        if (ImportJob.RUNNING.equals(job.state())) {
            answer.header(HttpHeaders.RETRY_AFTER, POLL_SECONDS);
        }
        return answer.body(job);
    }
}
