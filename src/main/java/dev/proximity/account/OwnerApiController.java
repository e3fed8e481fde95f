package dev.proximity.account;

import java.net.URI;

import dev.proximity.ratelimit.LimitKind;
import dev.proximity.ratelimit.RateLimiter;
import dev.proximity.system.ClientAddress;
import dev.proximity.system.NotFoundException;
import dev.proximity.system.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
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
    private final RateLimiter rateLimiter;
    private final ClientAddress clientAddress;

    OwnerApiController(OwnerService owners, RateLimiter rateLimiter, ClientAddress clientAddress) {
        this.owners = owners;
        this.rateLimiter = rateLimiter;
        this.clientAddress = clientAddress;
    }

    @Operation(operationId = "registerOwner", summary = "Register an owner",
            description = "Then sign in with POST /v1/auth/token.")
    @ApiResponse(responseCode = "201", description = "Registered", headers = @Header(name = "Location",
            description = "/v1/owners/me", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "409", description = "The e-mail address (in any case) is taken")
    @ApiResponse(responseCode = "429", description = "Too many sign-ins and registrations from this address")
    @ApiResponse(responseCode = "503", description = "Too many passwords being hashed at once; retry later")
    @ProblemTypes({"email-taken", "rate-limited"})
    @PostMapping(path = "/owners", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OwnerResponse> register(@Valid @RequestBody OwnerRegistration registration,
            HttpServletRequest request, HttpServletResponse response) {
        rateLimiter.enforce(LimitKind.SIGN_IN_CLIENT, clientAddress.of(request), response);
        OwnerResponse owner = owners.register(registration);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/v1/owners/me")).body(owner);
    }

    @Operation(operationId = "getCurrentOwner", summary = "Who am I: the owner the bearer token names",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "The signed-in owner")
    @ApiResponse(responseCode = "404", description = "The owner of this token no longer exists")
    @ProblemTypes("owner-not-found")
    @GetMapping("/owners/me")
    OwnerResponse me(Authentication authentication) {
        long id = AuthenticatedOwner.from(authentication).id();
        return owners.find(id).orElseThrow(() -> NotFoundException.of("owner-not-found", "Owner not found",
                "The owner of this token no longer exists"));
    }

    @Operation(operationId = "createToken", summary = "Sign in: a bearer token for an e-mail and password",
            description = "Returns a bearer token for the write calls (Authorization: Bearer <accessToken>).")
    @ApiResponse(responseCode = "200", description = "Signed in")
    @ApiResponse(responseCode = "401", description = "Wrong e-mail or password (the same answer for both)")
    @ApiResponse(responseCode = "429", description = "Too many attempts for this e-mail or from this address")
    @ApiResponse(responseCode = "503", description = "Too many passwords being checked at once; retry later")
    @ProblemTypes({"invalid-credentials", "rate-limited"})
    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http,
            HttpServletResponse response) {
        // Per address first, so a flood from one place does not lock its victims' e-mails as well.
        rateLimiter.enforce(response, new RateLimiter.Take(LimitKind.SIGN_IN_CLIENT, clientAddress.of(http)),
                new RateLimiter.Take(LimitKind.SIGN_IN_EMAIL, EmailKey.of(request.email())));
        return owners.signIn(request);
    }
}
