package dev.proximity.account;

import java.util.Collection;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The owner behind a request's bearer token: features use this instead of reading the token. */
public record AuthenticatedOwner(long id, boolean admin) {

    public static AuthenticatedOwner from(Authentication authentication) {
        Jwt jwt = (Jwt) authentication.getPrincipal();
        Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
        boolean admin = authorities.stream().anyMatch(a -> ("ROLE_" + Role.ADMIN).equals(a.getAuthority()));
        return new AuthenticatedOwner(Long.parseLong(jwt.getSubject()), admin);
    }

    public boolean mayManage(long ownerId) {
        return admin || id == ownerId;
    }
}
