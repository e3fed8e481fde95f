package dev.proximity.account;

import dev.proximity.ratelimit.LimitKind;
import dev.proximity.ratelimit.RateLimiter;
import dev.proximity.system.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sign-up and sign-in pages; the sign-in form posts to Spring Security's form login (limited by
 * {@link SignInRateLimitFilter}), sign-out likewise.
 */
@Controller
class AccountPageController {

    private final OwnerService owners;
    private final OwnerSessionSignIn sessions;
    private final RateLimiter rateLimiter;
    private final ClientAddress clientAddress;

    AccountPageController(OwnerService owners, OwnerSessionSignIn sessions, RateLimiter rateLimiter,
            ClientAddress clientAddress) {
        this.owners = owners;
        this.sessions = sessions;
        this.rateLimiter = rateLimiter;
        this.clientAddress = clientAddress;
    }

    @GetMapping("/signup")
    String signUpForm(Model model) {
        model.addAttribute("registration", new OwnerRegistration("", "", ""));
        return "account/signup";
    }

    @PostMapping("/signup")
    String signUp(@Valid @ModelAttribute("registration") OwnerRegistration registration, BindingResult errors,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
        if (errors.hasErrors()) {
            return "account/signup";
        }
        // the API's registration bucket, as POST /v1/owners takes it (a refusal is the 429 page)
        rateLimiter.enforce(LimitKind.SIGN_IN_CLIENT, clientAddress.of(request), response);
        OwnerResponse owner;
        try {
            owner = owners.register(registration);
        } catch (EmailTakenException e) {
            errors.rejectValue("email", "taken", "An owner with this e-mail address already exists; sign in instead");
            return "account/signup";
        }
        sessions.signIn(owner, request, response);
        flash.addFlashAttribute("notice", "Welcome, " + owner.name() + ". Your account is ready.");
        return "redirect:/owner/businesses";
    }

    @GetMapping("/signin")
    String signInForm() {
        return "account/signin";
    }

    @GetMapping("/owner")
    String ownerHome() {
        return "redirect:/owner/businesses";
    }
}
