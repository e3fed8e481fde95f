package dev.proximity.business;

import java.util.List;

import dev.proximity.account.AuthenticatedOwner;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The owner's list of businesses (newest first, keyset pages) and deleting one after a confirmation page. */
@Controller
@RequestMapping("/owner/businesses")
class OwnerBusinessListController {

    static final int PAGE_SIZE = 20;

    private final BusinessService service;
    private final OwnedBusinesses owned;

    OwnerBusinessListController(BusinessService service, OwnedBusinesses owned) {
        this.service = service;
        this.owned = owned;
    }

    @GetMapping
    String list(@RequestParam(required = false) String page, @AuthenticationPrincipal AuthenticatedOwner owner,
            Model model) {
        OwnerBusinessesPage shown = service.listOwned(owner.id(), PAGE_SIZE, OwnerPageToken.parse(page));
        model.addAttribute("businesses", shown.businesses());
        model.addAttribute("nextPage", shown.nextPageToken());
        model.addAttribute("firstPage", page == null);
        return "owner/businesses";
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable String id, @AuthenticationPrincipal AuthenticatedOwner owner, Model model) {
        model.addAttribute("business", owned.find(owner, id));
        return "owner/business-delete";
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) Long version,
            @AuthenticationPrincipal AuthenticatedOwner owner, Model model, RedirectAttributes flash) {
        BusinessResponse business = owned.find(owner, id);
        long expected = version == null ? -1 : version;
        try {
            service.delete(owner, Long.parseLong(business.id()), new IfMatch(false, List.of(Long.toString(expected))));
        } catch (PreconditionFailedException stale) {
            model.addAttribute("business", owned.find(owner, id));
            model.addAttribute("problem", "This business was changed elsewhere since you opened this page."
                    + " Check it below and confirm again if it should still be deleted.");
            return "owner/business-delete";
        } catch (BusinessNotFoundException alreadyGone) {
            // deleted by a concurrent request: the outcome the owner asked for
        }
        flash.addFlashAttribute("notice", "Deleted \u201c" + business.name() + "\u201d.");
        return "redirect:/owner/businesses";
    }
}
