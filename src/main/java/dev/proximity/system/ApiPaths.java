package dev.proximity.system;

import jakarta.servlet.http.HttpServletRequest;

/** Which requests are the JSON API: stateless, bearer tokens, no pages, no asset URLs. */
public final class ApiPaths {

    private ApiPaths() {
    }

    /** The servlet path is decoded and normalised by the container, so {@code /v1/../owner} is not the API. */
    public static boolean isApi(HttpServletRequest request) {
        return request.getServletPath().startsWith("/v1/");
    }
}
