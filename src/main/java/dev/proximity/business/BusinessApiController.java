package dev.proximity.business;

import java.net.URI;

import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.system.Ids;
import dev.proximity.system.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.swagger.v3.oas.annotations.Operation;
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

    private final BusinessService service;

    BusinessApiController(BusinessService service) {
        this.service = service;
    }

    @Operation(summary = "Read a business", description = "Sends ETag: \"<version>\"; If-None-Match gives 304.")
    @ApiResponse(responseCode = "200", description = "The business")
    @ApiResponse(responseCode = "304", description = "Unchanged since the given ETag")
    @ApiResponse(responseCode = "404", description = "No business has this id")
    @GetMapping("/businesses/{id}")
    ResponseEntity<BusinessResponse> get(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        IfMatch noneMatch = IfMatch.parseNoneMatch(ifNoneMatch);
        BusinessResponse business = service.get(businessId(id));
        if (noneMatch != null && noneMatch.matches(business.version())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(business.etag()).build();
        }
        return ResponseEntity.ok().eTag(business.etag()).body(business);
    }

    @Operation(summary = "Create a business", description = "Idempotency-Key makes a retry return the first 201.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "201", description = "Created; Location and ETag are set")
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still running")
    @ApiResponse(responseCode = "422", description = "This Idempotency-Key was used with another body")
    @PostMapping(path = "/businesses", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BusinessResponse> create(@Valid @RequestBody BusinessRequest request,
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

    @Operation(summary = "Replace a business", description = "If-Match: \"<version>\" makes the write conditional.",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "Replaced; the new ETag is set")
    @ApiResponse(responseCode = "403", description = "Not this owner's business")
    @ApiResponse(responseCode = "404", description = "No business has this id")
    @ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @PutMapping(path = "/businesses/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BusinessResponse> replace(@PathVariable String id, @Valid @RequestBody BusinessRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Authentication authentication) {
        BusinessResponse business = service.replace(AuthenticatedOwner.from(authentication), businessId(id),
                request, IfMatch.parse(ifMatch));
        return ResponseEntity.ok().eTag(business.etag()).body(business);
    }

    @Operation(summary = "Delete a business", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Not this owner's business")
    @ApiResponse(responseCode = "404", description = "No business has this id")
    @ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @DeleteMapping("/businesses/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Authentication authentication) {
        service.delete(AuthenticatedOwner.from(authentication), businessId(id), IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "List my businesses", description = "Newest first; nextPageToken is null on the last page.",
            security = @SecurityRequirement(name = "bearer"))
    @GetMapping("/owners/me/businesses")
    OwnerBusinessesPage mine(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
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
