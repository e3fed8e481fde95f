package dev.proximity.web;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/** How an exception on a page becomes the status its error page is rendered with. */
class PageExceptionResolverTests {

    private final PageExceptionResolver resolver = new PageExceptionResolver();

    @Test
    void aDatabaseThatCannotBeReachedIsA503WithRetryAfter() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView handled = resolver.resolveException(page("/owner/businesses"), response, null,
                new CannotGetJdbcConnectionException("no connection", new SQLTransientConnectionException()));

        assertThat(handled).isNotNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    }

    @Test
    void soIsATransactionThatCouldNotStart() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        resolver.resolveException(page("/owner/businesses/new"), response, null,
                new CannotCreateTransactionException("could not open JPA EntityManager"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    }

    @Test
    void anythingElseUnexpectedIsA500WithoutRetryAfter() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        resolver.resolveException(page("/owner/businesses"), response, null, new IllegalStateException("a bug"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeader("Retry-After")).isNull();
    }

    @Test
    void apiErrorsAreLeftToTheApiHandler() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView handled = resolver.resolveException(page("/v1/businesses"), response, null,
                new CannotGetJdbcConnectionException("no connection"));

        assertThat(handled).isNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static MockHttpServletRequest page(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.addHeader("Accept", "text/html");
        return request;
    }
}
