package dev.proximity.account;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Form sign-in on the owner pages with the API's own password check ({@link OwnerService#authenticate}), so
 * both ways in share hashing, timing equalisation and hash upgrades.
 */
class OwnerPasswordAuthenticationProvider implements AuthenticationProvider {

    private final OwnerService owners;

    OwnerPasswordAuthenticationProvider(OwnerService owners) {
        this.owners = owners;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName() == null ? "" : authentication.getName();
        Object credentials = authentication.getCredentials();
        String password = credentials == null ? "" : credentials.toString();
        if (email.length() > 254 || password.length() > 1024) {
            throw new BadCredentialsException("Wrong e-mail or password");
        }
        AuthenticatedOwner owner;
        try {
            owner = owners.authenticate(email, password)
                    .orElseThrow(() -> new BadCredentialsException("Wrong e-mail or password"));
        } catch (BadCredentialsException e) {
            throw e;
        } catch (RuntimeException e) {
            // the owner store could not be asked (as Spring's DaoAuthenticationProvider reports it): the
            // failure handler answers it, rather than the exception leaving the filter chain
            throw new InternalAuthenticationServiceException("Owner lookup failed", e);
        }
        UsernamePasswordAuthenticationToken signedIn = signedIn(owner);
        signedIn.setDetails(authentication.getDetails());
        return signedIn;
    }

    /** The session's authentication: the owner as principal, no credentials kept. */
    static UsernamePasswordAuthenticationToken signedIn(AuthenticatedOwner owner) {
        Role role = owner.admin() ? Role.ADMIN : Role.OWNER;
        return UsernamePasswordAuthenticationToken.authenticated(owner, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
