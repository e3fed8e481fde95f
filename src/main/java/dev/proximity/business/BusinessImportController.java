package dev.proximity.business;

import java.io.IOException;
import java.util.Map;

import dev.proximity.account.AuthenticatedOwner;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/businesses/import}: CSV with a header row, or NDJSON; atomic; streamed. */
@Tag(name = "Businesses")
@RestController
class BusinessImportController {

    static final String NDJSON = "application/x-ndjson";

    private final BusinessImportService imports;

    BusinessImportController(BusinessImportService imports) {
        this.imports = imports;
    }

    @Operation(summary = "Import businesses from CSV", description = "Header row of field names; atomic.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "All rows imported")
    @ApiResponse(responseCode = "422", description = "At least one bad row; errors lists the lines; nothing written")
    @PostMapping(path = "/v1/businesses/import", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Long> importCsv(HttpServletRequest request, Authentication authentication) throws IOException {
        return Map.of("imported", imports.importAll(AuthenticatedOwner.from(authentication),
                BusinessImportService.Format.CSV, request.getInputStream()));
    }

    @Operation(summary = "Import businesses from NDJSON", description = "One business per line; atomic.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "All rows imported")
    @ApiResponse(responseCode = "422", description = "At least one bad row; errors lists the lines; nothing written")
    @PostMapping(path = "/v1/businesses/import", consumes = NDJSON, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Long> importNdjson(HttpServletRequest request, Authentication authentication) throws IOException {
        return Map.of("imported", imports.importAll(AuthenticatedOwner.from(authentication),
                BusinessImportService.Format.NDJSON, request.getInputStream()));
    }
}
