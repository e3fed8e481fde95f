package dev.proximity.account;

import java.net.URI;

import dev.proximity.system.NotFoundException;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Owners")
@RestController
@RequestMapping(path = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class OwnerApiController {

    private final OwnerService owners;

    OwnerApiController(OwnerService owners) {
        this.owners = owners;
    }

    @Operation(summary = "Register an owner")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "409", description = "The e-mail address (in any case) is taken")
    @PostMapping(path = "/owners", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OwnerResponse> register(@Valid @RequestBody OwnerRegistration registration) {
        OwnerResponse owner = owners.register(registration);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/v1/owners/me")).body(owner);
    }

    @Operation(summary = "Who am I", security = @SecurityRequirement(name = "bearer"))
    @GetMapping("/owners/me")
    OwnerResponse me(Authentication authentication) {
        long id = AuthenticatedOwner.from(authentication).id();
        return owners.find(id).orElseThrow(() -> NotFoundException.of("owner-not-found", "Owner not found",
                "The owner of this token no longer exists"));
    }

    @Operation(summary = "Sign in", description = "Returns a bearer token for the write calls.")
    @ApiResponse(responseCode = "200", description = "Signed in")
    @ApiResponse(responseCode = "401", description = "Wrong e-mail or password (the same answer for both)")
    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        return owners.signIn(request);
    }
}
