package dev.proximity.business;

import java.net.URI;

import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.system.Ids;
import dev.proximity.system.InvalidRequestException;
import dev.proximity.system.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Businesses")
@RestController
@RequestMapping(path = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class BusinessApiController {

    private static final String ID = "The business's id, a string of decimal digits";
    private static final String ID_PATTERN = "^[0-9]{1,30}$";
    private static final String ETAG = "\"<version>\", the business's version as an entity tag";
    private static final String IF_MATCH = "Only if the business is still at this version: \"<version>\" (or *); "
            + "412 otherwise. Absent: unconditional";
    /** What {@link IfMatch} accepts: {@code *} or a list of quoted entity tags, weak ones (W/) included. */
    private static final String ENTITY_TAGS = "^(\\*|(W/)?\"[^\"]*\"( *, *(W/)?\"[^\"]*\")*)$";

    private final BusinessService service;

    BusinessApiController(BusinessService service) {
        this.service = service;
    }

    @Operation(operationId = "getBusiness", summary = "Read a business",
            description = "Sends ETag: \"<version>\"; If-None-Match gives 304.")
    @ApiResponse(responseCode = "200", description = "The business",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Unchanged since the given ETag", content = @Content)
    @ApiResponse(responseCode = "404", description = "No business has this id")
    @ProblemTypes({"malformed-id", "business-not-found"})
    @GetMapping("/businesses/{id}")
    ResponseEntity<BusinessResponse> get(
            @Parameter(description = ID, schema = @Schema(type = "string", pattern = ID_PATTERN))
            @PathVariable String id,
            @Parameter(description = "An ETag from an earlier read: 304 without a body while it is current",
                    schema = @Schema(type = "string", maxLength = 1024, pattern = ENTITY_TAGS))
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        IfMatch noneMatch = IfMatch.parseNoneMatch(ifNoneMatch);
        BusinessResponse business = service.get(businessId(id));
        if (noneMatch != null && noneMatch.matches(business.version())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(business.etag()).build();
        }
        return ResponseEntity.ok().eTag(business.etag()).body(business);
    }

    @Operation(operationId = "createBusiness", summary = "Create a business",
            description = "Idempotency-Key makes a retry return the first 201.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "201", description = "Created", headers = {
            @Header(name = HttpHeaders.LOCATION, description = "/v1/businesses/{id}",
                    schema = @Schema(type = "string")),
            @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")),
            @Header(name = "Idempotent-Replayed", description = "true when this answers a retry with the same key",
                    schema = @Schema(type = "boolean"))})
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still running")
    @ApiResponse(responseCode = "422", description = "This Idempotency-Key was used with another body")
    @ApiResponse(responseCode = "429", description = "Too many writes by this owner")
    @ProblemTypes({"idempotency-key-in-progress", "idempotency-key-reused", "rate-limited"})
    @PostMapping(path = "/businesses", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BusinessResponse> create(@Valid @RequestBody BusinessRequest request,
            @Parameter(description = "Makes retries safe: a retry with the same key and body answers the first 201 "
                    + "again, without a second business. Any unique string such as a UUID",
                    schema = @Schema(type = "string", minLength = 1, maxLength = 255, pattern = "^[!-~]+$"))
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Authentication authentication) {
        CreatedBusiness created = service.create(AuthenticatedOwner.from(authentication), request,
                checkedKey(idempotencyKey));
        BusinessResponse business = created.business();
        return ResponseEntity.created(URI.create("/v1/businesses/" + business.id()))
                .eTag(business.etag())
                .header("Idempotent-Replayed", Boolean.toString(created.replayed()))
                .body(business);
    }

    @Operation(operationId = "replaceBusiness", summary = "Replace a business",
            description = "The whole business, as on create. If-Match: \"<version>\" makes the write conditional.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "Replaced",
            headers = @Header(name = HttpHeaders.ETAG, description = ETAG, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "403", description = "Not this owner's business")
    @ApiResponse(responseCode = "404", description = "No business has this id")
    @ApiResponse(responseCode = "409", description = "Another request changed it at the same moment; read and retry")
    @ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @ApiResponse(responseCode = "429", description = "Too many writes by this owner")
    @ProblemTypes({"malformed-id", "forbidden", "business-not-found", "concurrent-update", "stale-version",
            "rate-limited"})
    @PutMapping(path = "/businesses/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BusinessResponse> replace(
            @Parameter(description = ID, schema = @Schema(type = "string", pattern = ID_PATTERN))
            @PathVariable String id, @Valid @RequestBody BusinessRequest request,
            @Parameter(description = IF_MATCH, schema = @Schema(type = "string", maxLength = 1024,
                    pattern = ENTITY_TAGS))
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Authentication authentication) {
        BusinessResponse business = service.replace(AuthenticatedOwner.from(authentication), businessId(id),
                request, IfMatch.parse(ifMatch));
        return ResponseEntity.ok().eTag(business.etag()).body(business);
    }

    @Operation(operationId = "deleteBusiness", summary = "Delete a business",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Not this owner's business")
    @ApiResponse(responseCode = "404", description = "No business has this id")
    @ApiResponse(responseCode = "409", description = "Another request changed it at the same moment; read and retry")
    @ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @ApiResponse(responseCode = "429", description = "Too many writes by this owner")
    @ProblemTypes({"malformed-id", "forbidden", "business-not-found", "concurrent-update", "stale-version",
            "rate-limited"})
    // 204 has no body, so any Accept will do: a client that accepts only the problem+json of its errors (as the
    // generated one does) must not get a 406 from the class-wide produces
    @DeleteMapping(path = "/businesses/{id}", produces = MediaType.ALL_VALUE)
    ResponseEntity<Void> delete(
            @Parameter(description = ID, schema = @Schema(type = "string", pattern = ID_PATTERN))
            @PathVariable String id,
            @Parameter(description = IF_MATCH, schema = @Schema(type = "string", maxLength = 1024,
                    pattern = ENTITY_TAGS))
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Authentication authentication) {
        service.delete(AuthenticatedOwner.from(authentication), businessId(id), IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "listMyBusinesses", summary = "List my businesses",
            description = "Newest first; nextPageToken is null on the last page.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "One page of the signed-in owner's businesses")
    @GetMapping("/owners/me/businesses")
    OwnerBusinessesPage mine(
            @Parameter(description = "Businesses per page, 1 to 100")
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @Parameter(description = "nextPageToken of the previous page; absent for the first page",
                    schema = @Schema(type = "string", maxLength = 200, pattern = "^[A-Za-z0-9_-]+$"))
            @RequestParam(required = false) String pageToken, Authentication authentication) {
        return service.listOwned(AuthenticatedOwner.from(authentication).id(), limit,
                OwnerPageToken.parse(pageToken));
    }

    private static long businessId(String text) {
        return Ids.parse(text, "id").orElseThrow(BusinessNotFoundException::forUnknownId);
    }

    /** Keys are 1 to 255 visible ASCII characters, e.g. a UUID. */
    private static String checkedKey(String key) {
        if (key != null && (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw InvalidRequestException.invalidField("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
        }
        return key;
    }
}
