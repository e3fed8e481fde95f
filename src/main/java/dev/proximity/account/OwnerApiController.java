package dev.proximity.account;

import java.net.URI;

import dev.proximity.system.NotFoundException;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class OwnerApiController {

    private final OwnerService owners;

    OwnerApiController(OwnerService owners) {
        this.owners = owners;
    }

    @PostMapping(path = "/owners", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OwnerResponse> register(@Valid @RequestBody OwnerRegistration registration) {
        OwnerResponse owner = owners.register(registration);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/v1/owners/me")).body(owner);
    }

    @GetMapping("/owners/me")
    OwnerResponse me(Authentication authentication) {
        long id = AuthenticatedOwner.from(authentication).id();
        return owners.find(id).orElseThrow(() -> NotFoundException.of("owner-not-found", "Owner not found",
                "The owner of this token no longer exists"));
    }

    @PostMapping(path = "/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        return owners.signIn(request);
    }
}
