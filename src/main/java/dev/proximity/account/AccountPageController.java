package dev.proximity.account;

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

/** Sign-up and sign-in pages; the sign-in form posts to Spring Security's form login, sign-out likewise. */
@Controller
class AccountPageController {

    private final OwnerService owners;
    private final OwnerSessionSignIn sessions;

    AccountPageController(OwnerService owners, OwnerSessionSignIn sessions) {
        this.owners = owners;
        this.sessions = sessions;
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
