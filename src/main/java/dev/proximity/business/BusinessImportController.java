package dev.proximity.business;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.system.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/businesses/import}: CSV with a header row, or NDJSON; atomic; streamed. One handler for both
 * formats, so the OpenAPI document shows one call with two body types (two handlers on one path and method were
 * merged by springdoc into one operation with the name of one and the summary of the other, and no body).
 */
@Tag(name = "Businesses")
@RestController
class BusinessImportController {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";

    static final String PREFER = "Prefer";
    static final String RESPOND_ASYNC = "respond-async";

    private final BusinessImportService imports;
    private final BackgroundImports background;

    BusinessImportController(BusinessImportService imports, BackgroundImports background) {
        this.imports = imports;
        this.background = background;
    }

    /** The answer of a whole import. */
    record ImportResult(@Schema(description = "How many businesses were created") long imported) {
    }

    @Operation(operationId = "importBusinesses", summary = "Import businesses from CSV or NDJSON",
            description = "CSV: a header row of field names (name,category,latitude,longitude,address,city,state,"
                    + "country,postalCode,phone,website,timeZone; only the required ones must be present), then one "
                    + "business per line. NDJSON: one business object per line, as in POST /v1/businesses (hours "
                    + "only here). Atomic: all rows or none. With Prefer: respond-async the body is received, then"
                    + " imported in the background whatever the client does: 202 with the job's Location, whose"
                    + " state and progress GET /v1/businesses/imports/{id} shows.",
            security = @SecurityRequirement(name = "bearer"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = CSV, schema = @Schema(type = "string")),
                    @Content(mediaType = NDJSON, schema = @Schema(type = "string"))}))
    @ApiResponse(responseCode = "200", description = "All rows imported",
            content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @ApiResponse(responseCode = "202", description = "With Prefer: respond-async: the body was received and is being"
            + " imported in the background", content = @Content(schema = @Schema(implementation = ImportJob.class)),
            headers = {
                    @Header(name = HttpHeaders.LOCATION, description = "The job: /v1/businesses/imports/{id}",
                            schema = @Schema(type = "string")),
                    @Header(name = "Preference-Applied", description = "respond-async",
                            schema = @Schema(type = "string")),
                    @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds until a look at the job is worth it",
                            schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "The body ended before it was complete; nothing written")
    @ApiResponse(responseCode = "408", description = "The body arrived too slowly; nothing written")
    @ApiResponse(responseCode = "413", description = "Too many bytes or rows, or a line too long; nothing written")
    @ApiResponse(responseCode = "422", description = "At least one bad row; errors lists the lines; nothing written")
    @ApiResponse(responseCode = "429", description = "Too many writes, or this owner's imports are still running")
    @ApiResponse(responseCode = "503", description = "The server runs as many imports as it can; retry later")
    @ProblemTypes({"incomplete-body", "request-timeout", "import-line-too-long", "import-rejected", "rate-limited",
            "import-in-progress", "import-capacity"})
    @PostMapping(path = "/v1/businesses/import", consumes = {CSV, NDJSON}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> importBusinesses(HttpServletRequest request,
            @Parameter(description = "respond-async: answer 202 once the body is received and import it in the"
                    + " background (RFC 7240); anything else is ignored",
                    schema = @Schema(type = "string", maxLength = 1024))
            @RequestHeader(name = PREFER, required = false) String prefer,
            Authentication authentication) throws IOException {
        // Spring MVC admitted only the two types in consumes
        BusinessImportService.Format format = MediaType.parseMediaType(request.getContentType())
                .isCompatibleWith(MediaType.parseMediaType(CSV)) ? BusinessImportService.Format.CSV
                        : BusinessImportService.Format.NDJSON;
        AuthenticatedOwner owner = AuthenticatedOwner.from(authentication);
        if (!respondAsync(prefer)) {
            return ResponseEntity.ok(new ImportResult(imports.importAll(owner, format, request.getInputStream())));
        }
        long job = background.start(owner.id(), format, request.getInputStream());
        return ResponseEntity.accepted()
                .location(URI.create("/v1/businesses/imports/" + job))
                .header("Preference-Applied", RESPOND_ASYNC)
                .header(HttpHeaders.RETRY_AFTER, ImportJobController.POLL_SECONDS)
                .body(background.job(owner.id(), job));
    }

    /** Whether the Prefer header (a comma-separated list of preferences, RFC 7240) asks for respond-async. */
    static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String name = preference.split("[=;]", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (name.equals(RESPOND_ASYNC)) {
                return true;
            }
        }
        return false;
    }
}
