package dev.proximity.account;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in owner's e-mail into every {@link OwnerPage}'s model, for the bar above the page. */
@ControllerAdvice(annotations = OwnerPage.class)
class OwnerPageModel {

    private final OwnerService owners;

    OwnerPageModel(OwnerService owners) {
        this.owners = owners;
    }

    @ModelAttribute("signedInAs")
    String signedInAs(@AuthenticationPrincipal AuthenticatedOwner owner) {
        return owner == null ? null : owners.find(owner.id()).map(OwnerResponse::email).orElse(null);
    }
}
