package dev.proximity.business;

import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.system.InvalidRequestException;
import dev.proximity.web.MapProperties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Create and edit on the owner pages, through the API's service and rules. An edit carries the version it
 * started from: if the business changed meanwhile, nothing is saved and the owner is told so.
 */
@Controller
@RequestMapping("/owner/businesses")
class OwnerBusinessFormController {

    private static final String FORM = "owner/business-form";

    private final BusinessService service;
    private final BusinessFormReader reader;
    private final OwnedBusinesses owned;
    private final MapProperties map;

    OwnerBusinessFormController(BusinessService service, BusinessFormReader reader, OwnedBusinesses owned,
            MapProperties map) {
        this.service = service;
        this.reader = reader;
        this.owned = owned;
        this.map = map;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("days", BusinessFormChoices.DAYS);
        model.addAttribute("countries", BusinessFormChoices.COUNTRIES);
        model.addAttribute("timeZones", BusinessFormChoices.TIME_ZONES);
        model.addAttribute("map", map);
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("business", BusinessForm.blank());
        return FORM;
    }

    @PostMapping("/new")
    String create(@ModelAttribute("business") BusinessForm form, BindingResult errors,
            @AuthenticationPrincipal AuthenticatedOwner owner, Model model, RedirectAttributes flash) {
        BusinessRequest request = reader.read(form, errors);
        if (request == null) {
            return FORM;
        }
        CreatedBusiness created;
        try {
            created = service.create(owner, request, idempotencyKey(form));
        } catch (InvalidRequestException e) {
            reader.reject(e.fieldErrors(), form, errors);
            return FORM;
        } catch (IdempotencyKeyException e) {
            // this form was saved before and then changed (back button): the next submit is a new business
            form.setFormKey(java.util.UUID.randomUUID().toString());
            model.addAttribute("problem", "This form was already saved once. Check the values and save again"
                    + " to add another business, or go back to your list.");
            return FORM;
        }
        flash.addFlashAttribute("notice", "Added \u201c" + created.business().name() + "\u201d.");
        return "redirect:/owner/businesses";
    }

    @GetMapping("/{id}/edit")
    String editForm(@PathVariable String id, @AuthenticationPrincipal AuthenticatedOwner owner, Model model) {
        BusinessResponse business = owned.find(owner, id);
        model.addAttribute("business", BusinessForm.of(business));
        model.addAttribute("businessId", business.id());
        return FORM;
    }

    @PostMapping("/{id}/edit")
    String update(@PathVariable String id, @ModelAttribute("business") BusinessForm form, BindingResult errors,
            @AuthenticationPrincipal AuthenticatedOwner owner, Model model, RedirectAttributes flash) {
        BusinessResponse current = owned.find(owner, id);
        model.addAttribute("businessId", current.id());
        BusinessRequest request = reader.read(form, errors);
        if (request == null) {
            return FORM;
        }
        long version = form.getVersion() == null ? -1 : form.getVersion();
        try {
            BusinessResponse saved = service.replace(owner, Long.parseLong(current.id()), request,
                    new IfMatch(false, java.util.List.of(Long.toString(version))));
            flash.addFlashAttribute("notice", "Saved \u201c" + saved.name() + "\u201d.");
            return "redirect:/owner/businesses";
        } catch (PreconditionFailedException stale) {
            return changedMeanwhile(owner, id, form, model, flash);
        } catch (InvalidRequestException e) {
            reader.reject(e.fieldErrors(), form, errors);
            return FORM;
        } catch (BusinessNotFoundException deleted) {
            flash.addFlashAttribute("problem", "This business was deleted meanwhile; nothing was saved.");
            return "redirect:/owner/businesses";
        }
    }

    /** Keeps what the owner typed, and moves the form onto the current version so saving again overwrites. */
    private String changedMeanwhile(AuthenticatedOwner owner, String id, BusinessForm form, Model model,
            RedirectAttributes flash) {
        BusinessResponse now;
        try {
            now = owned.find(owner, id);
        } catch (BusinessNotFoundException deleted) {
            flash.addFlashAttribute("problem", "This business was deleted meanwhile; nothing was saved.");
            return "redirect:/owner/businesses";
        }
        form.setVersion(now.version());
        model.addAttribute("conflict", true);
        model.addAttribute("problem", "This business was changed elsewhere while you were editing it, so your"
                + " changes were not saved. Your values are kept below: save again to replace the other changes,"
                + " or reload the page to see the current ones.");
        return FORM;
    }

    /** A form's own key, so a double submit creates one business; anything but our UUID form gets none. */
    private static String idempotencyKey(BusinessForm form) {
        String key = form.getFormKey();
        return key != null && key.matches("[0-9a-f-]{36}") ? "owner-page-" + key : null;
    }
}
