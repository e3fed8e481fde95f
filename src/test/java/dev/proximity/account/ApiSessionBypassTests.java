package dev.proximity.account;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.Filter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests Spring Session's filter sees: all but the API's (by the container's normalised path). */
class ApiSessionBypassTests {

    @ParameterizedTest(name = "{0} -> session filter: {1}")
    @CsvSource({"/v1/search/nearby, false", "/v1/businesses/42, false", "/owner/businesses, true", "/signin, true",
            "/, true", "/businesses/42, true", "/v1, true", "/v10/x, true"})
    void onlyTheApiPassesTheSessionFilterBy(String servletPath, boolean sessionFilterRuns) throws Exception {
        List<String> seen = new ArrayList<>();
        Filter sessionFilter = (request, response, chain) -> {
            seen.add("session");
            chain.doFilter(request, response);
        };
        MockHttpServletRequest request = new MockHttpServletRequest("GET", servletPath);
        request.setServletPath(servletPath);
        MockFilterChain chain = new MockFilterChain();
        new ApiSessionBypass.Bypass(() -> sessionFilter).doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(seen.contains("session")).isEqualTo(sessionFilterRuns);
        assertThat(chain.getRequest()).as("the chain goes on either way").isNotNull();
    }

    @ParameterizedTest
    @CsvSource({"/owner/businesses", "/v1/search/nearby"})
    void withoutSpringSessionEveryRequestGoesOn(String servletPath) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", servletPath);
        request.setServletPath(servletPath);
        MockFilterChain chain = new MockFilterChain();
        new ApiSessionBypass.Bypass(() -> null).doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
    }
}
