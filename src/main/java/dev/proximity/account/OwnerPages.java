package dev.proximity.account;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The paths of the owner pages: the only ones with a web session. Everything else (the API, the map, assets)
 * never reads or writes the session store, so it keeps working while Redis is down.
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
