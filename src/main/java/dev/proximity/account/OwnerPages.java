package dev.proximity.account;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The paths of the owner pages: the only ones with a web session, served by the form-login security chain.
 * {@code /v1/**} has the stateless bearer-token chain and never looks at the session; every other path (the
 * map, business pages, error pages, assets, docs) has no security chain and no servlet session, so it keeps
 * working while Redis is down. Only their site header reads the stored session, on its own terms
 * ({@link OwnerSessionReader}).
 */
public final class OwnerPages {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    static final RequestMatcher MATCHER = new OrRequestMatcher(PATHS.matcher("/signup"), PATHS.matcher("/signin"),
            PATHS.matcher("/signout"), PATHS.matcher("/owner/**"));

    private OwnerPages() {
    }

    public static boolean matches(HttpServletRequest request) {
        return MATCHER.matches(request);
    }
}
