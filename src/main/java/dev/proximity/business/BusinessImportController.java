package dev.proximity.business;

import java.io.IOException;

import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.system.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
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

    private final BusinessImportService imports;

    BusinessImportController(BusinessImportService imports) {
        this.imports = imports;
    }

    /** The answer of a whole import. */
    record ImportResult(@Schema(description = "How many businesses were created") long imported) {
    }

    @Operation(operationId = "importBusinesses", summary = "Import businesses from CSV or NDJSON",
            description = "CSV: a header row of field names (name,category,latitude,longitude,address,city,state,"
                    + "country,postalCode,phone,website,timeZone; only the required ones must be present), then one "
                    + "business per line. NDJSON: one business object per line, as in POST /v1/businesses (hours "
                    + "only here). Atomic: all rows or none.",
            security = @SecurityRequirement(name = "bearer"),
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = CSV, schema = @Schema(type = "string")),
                    @Content(mediaType = NDJSON, schema = @Schema(type = "string"))}))
    @ApiResponse(responseCode = "200", description = "All rows imported")
    @ApiResponse(responseCode = "400", description = "The body ended before it was complete; nothing written")
    @ApiResponse(responseCode = "408", description = "The body arrived too slowly; nothing written")
    @ApiResponse(responseCode = "413", description = "Too many bytes or rows, or a line too long; nothing written")
    @ApiResponse(responseCode = "422", description = "At least one bad row; errors lists the lines; nothing written")
    @ApiResponse(responseCode = "429", description = "Too many writes, or this owner's imports are still running")
    @ApiResponse(responseCode = "503", description = "The server runs as many imports as it can; retry later")
    @ProblemTypes({"incomplete-body", "request-timeout", "import-line-too-long", "import-rejected", "rate-limited",
            "import-in-progress", "import-capacity"})
    @PostMapping(path = "/v1/businesses/import", consumes = {CSV, NDJSON}, produces = MediaType.APPLICATION_JSON_VALUE)
    ImportResult importBusinesses(HttpServletRequest request, Authentication authentication) throws IOException {
        // Spring MVC admitted only the two types in consumes
        BusinessImportService.Format format = MediaType.parseMediaType(request.getContentType())
                .isCompatibleWith(MediaType.parseMediaType(CSV)) ? BusinessImportService.Format.CSV
                        : BusinessImportService.Format.NDJSON;
        return new ImportResult(imports.importAll(AuthenticatedOwner.from(authentication), format,
                request.getInputStream()));
    }
}
