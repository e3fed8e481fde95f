package dev.proximity.account;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in owner's e-mail into every {@link OwnerPage}'s model, for the bar above the page. */
@ControllerAdvice(annotations = OwnerPage.class)
class OwnerPageModel {

    // a provider: web slice tests load every controller advice but not the services behind the owner pages
    private final ObjectProvider<OwnerService> owners;

    OwnerPageModel(ObjectProvider<OwnerService> owners) {
        this.owners = owners;
    }

    @ModelAttribute("signedInAs")
    String signedInAs(@AuthenticationPrincipal AuthenticatedOwner owner) {
        return owner == null ? null : owners.getObject().find(owner.id()).map(OwnerResponse::email).orElse(null);
    }
}
