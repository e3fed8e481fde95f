package dev.proximity.account;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * Reads the session cookie only on {@link OwnerPages} paths. Elsewhere a request has no session as far as the
 * servlet API is concerned, so nothing (Spring MVC's flash maps, a security context lookup) asks Redis for
 * it: the map and the API neither depend on the session store nor slow down for it. (The site header of the
 * other pages reads it on its own, without a servlet session: {@link OwnerSessionReader}.)
 */
class OwnerPagesSessionIdResolver implements HttpSessionIdResolver {

    private final HttpSessionIdResolver cookies;

    OwnerPagesSessionIdResolver(HttpSessionIdResolver cookies) {
        this.cookies = cookies;
    }

    @Override
    public List<String> resolveSessionIds(HttpServletRequest request) {
        return OwnerPages.matches(request) ? cookies.resolveSessionIds(request) : List.of();
    }

    /** The session ids the cookies name, on any path: for {@link OwnerSessionReader}, which only reads. */
    List<String> peekSessionIds(HttpServletRequest request) {
        return cookies.resolveSessionIds(request);
    }

    @Override
    public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        cookies.setSessionId(request, response, sessionId);
    }

    @Override
    public void expireSession(HttpServletRequest request, HttpServletResponse response) {
        cookies.expireSession(request, response);
    }
}
