package dev.proximity.account;

import java.io.Serializable;
import java.util.Collection;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The owner behind a request, signed in by bearer token (API) or by session (owner pages): features use this
 * instead of reading either. Serializable because the owner pages keep it in the Redis-backed session; its
 * name is the owner id, as a token's subject is.
 */
public record AuthenticatedOwner(long id, boolean admin) implements AuthenticatedPrincipal, Serializable {

    public static AuthenticatedOwner from(Authentication authentication) {
        if (authentication.getPrincipal() instanceof AuthenticatedOwner owner) {
            return owner;
        }
        Jwt jwt = (Jwt) authentication.getPrincipal();
        Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
        boolean admin = authorities.stream().anyMatch(a -> ("ROLE_" + Role.ADMIN).equals(a.getAuthority()));
        return new AuthenticatedOwner(Long.parseLong(jwt.getSubject()), admin);
    }

    public boolean mayManage(long ownerId) {
        return admin || id == ownerId;
    }

    @Override
    public String getName() {
        return Long.toString(id);
    }
}
