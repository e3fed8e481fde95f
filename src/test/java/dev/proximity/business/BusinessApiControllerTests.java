package dev.proximity.business;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

import dev.proximity.account.AuthenticatedOwner;
import dev.proximity.account.SecuritySliceConfiguration;
import dev.proximity.system.ForbiddenException;
import dev.proximity.system.WebSliceConfiguration;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = BusinessApiController.class,
        properties = "proximity.security.token.signing-key=" + SecuritySliceConfiguration.TEST_SIGNING_KEY)
@Import({WebSliceConfiguration.class, SecuritySliceConfiguration.class, BusinessApiControllerTests.ChunkedTransfer.class})
class BusinessApiControllerTests {

    private static final long OWNER_ID = 42;
    private static final AuthenticatedOwner OWNER = new AuthenticatedOwner(OWNER_ID, false);
    private static final String VALID_BODY = """
            {"name": "Cafe Onion", "category": "cafe", "latitude": 37.5665, "longitude": 126.978}""";
    private static final BusinessRequest VALID_REQUEST = new BusinessRequest("Cafe Onion", "cafe", 37.5665, 126.978,
            null, null, null, null, null, null, null, null, null);

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private BusinessService service;

    private static JwtRequestPostProcessor owner() {
        return jwt().jwt(j -> j.subject(Long.toString(OWNER_ID))).authorities(new SimpleGrantedAuthority("ROLE_OWNER"));
    }

    private static BusinessResponse business(long id, long version) {
        Instant created = Instant.parse("2025-06-01T12:00:00Z");
        return new BusinessResponse(Long.toString(id), Long.toString(OWNER_ID), "Cafe Onion", "cafe", 37.5665,
                126.978, "1 Sejong-daero", "Seoul", null, "KR", "04524", null, "https://example.com", "Asia/Seoul",
                List.of(new OpeningHours(DayOfWeek.MONDAY, "09:00", "18:00")), version, created,
                created.plusSeconds(60));
    }

    /** Every error is problem+json with a stable type under /problems/. */
    private static ResultActions assertProblem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(startsWith("/problems/")))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isNotEmpty());
    }

    private ResultActions postBusiness(String body) throws Exception {
        return mvc.perform(post("/v1/businesses").with(owner()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Nested
    class GetOne {

        @Test
        void answersWithTheBusinessAndItsVersionAsETag() throws Exception {
            given(service.get(7L)).willReturn(business(7, 3));

            mvc.perform(get("/v1/businesses/7"))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(header().string(HttpHeaders.ETAG, "\"3\""))
                    .andExpect(jsonPath("$.id").value("7"))
                    .andExpect(jsonPath("$.ownerId").value("42"))
                    .andExpect(jsonPath("$.version").value(3))
                    .andExpect(jsonPath("$.hours[0].day").value("MONDAY"))
                    .andExpect(jsonPath("$.createdAt").value("2025-06-01T12:00:00Z"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"3\"", "\"2\", \"3\"", "*", "W/\"3\""})
        void aMatchingIfNoneMatchIsNotModified(String ifNoneMatch) throws Exception {
            given(service.get(7L)).willReturn(business(7, 3));

            MvcResult result = mvc.perform(get("/v1/businesses/7").header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch))
                    .andExpect(status().isNotModified())
                    .andExpect(header().string(HttpHeaders.ETAG, "\"3\""))
                    .andReturn();
            assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
        }

        @Test
        void aStaleIfNoneMatchGetsTheBody() throws Exception {
            given(service.get(7L)).willReturn(business(7, 4));

            mvc.perform(get("/v1/businesses/7").header(HttpHeaders.IF_NONE_MATCH, "\"3\""))
                    .andExpect(status().isOk())
                    .andExpect(header().string(HttpHeaders.ETAG, "\"4\""))
                    .andExpect(jsonPath("$.version").value(4));
        }

        @Test
        void aMalformedIfNoneMatchIsA400NamingIt() throws Exception {
            assertProblem(mvc.perform(get("/v1/businesses/7").header(HttpHeaders.IF_NONE_MATCH, "3")), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("If-None-Match"));
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "-1", "7x", "0x7", "1234567890123456789012345678901"})
        void aMalformedIdIsA400(String id) throws Exception {
            assertProblem(mvc.perform(get("/v1/businesses/{id}", id)), 400)
                    .andExpect(jsonPath("$.type").value("/problems/malformed-id"));
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"99999999999999999999", "9223372036854775808", "0"})
        void anIdThatCannotExistIsA404(String id) throws Exception {
            assertProblem(mvc.perform(get("/v1/businesses/{id}", id)), 404)
                    .andExpect(jsonPath("$.type").value("/problems/business-not-found"));
            verifyNoInteractions(service);
        }

        @Test
        void anUnknownBusinessIsA404() throws Exception {
            given(service.get(8L)).willThrow(BusinessNotFoundException.forId(8));

            assertProblem(mvc.perform(get("/v1/businesses/8")), 404)
                    .andExpect(jsonPath("$.type").value("/problems/business-not-found"));
        }

        @Test
        void anUnexpectedFailureIsAPlain500WithoutInternals() throws Exception {
            given(service.get(7L)).willThrow(new IllegalStateException(
                    "connection to 10.0.0.5:5432 refused while running SELECT password_hash FROM owner"));

            MvcResult result = assertProblem(mvc.perform(get("/v1/businesses/7")), 500)
                    .andExpect(jsonPath("$.type").value("/problems/internal-error"))
                    .andReturn();
            String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(body).doesNotContain("10.0.0.5", "password_hash", "IllegalStateException", "Exception",
                    "dev.proximity", "java.", "\tat ", "trace");
        }

        @Test
        void aDatabaseThatCannotBeReachedIsA503WithRetryAfterAsOnThePages() throws Exception {
            given(service.get(7L)).willThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("The primary database is unavailable", "08001")));
            given(service.get(8L)).willThrow(new QueryTimeoutException("canceling statement due to statement timeout"));

            for (long id : new long[] {7, 8}) {
                assertProblem(mvc.perform(get("/v1/businesses/{id}", id)), 503)
                        .andExpect(jsonPath("$.type").value("/problems/service-unavailable"))
                        .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                        .andExpect(content().string(not(containsString("JDBC"))));
            }
        }
    }

    @Nested
    class Create {

        @Test
        void answers201WithLocationAndETag() throws Exception {
            given(service.create(OWNER, VALID_REQUEST, null)).willReturn(new CreatedBusiness(business(7, 0), false));

            postBusiness(VALID_BODY)
                    .andExpect(status().isCreated())
                    .andExpect(header().string(HttpHeaders.LOCATION, "/v1/businesses/7"))
                    .andExpect(header().string(HttpHeaders.ETAG, "\"0\""))
                    .andExpect(header().string("Idempotent-Replayed", "false"))
                    .andExpect(jsonPath("$.id").value("7"));
        }

        @Test
        void passesTheIdempotencyKeyAndSaysWhenTheAnswerIsAReplay() throws Exception {
            String key = "6f1c8a52-3f7e-4b1e-9d0a-2a4f5b6c7d8e";
            given(service.create(OWNER, VALID_REQUEST, key)).willReturn(new CreatedBusiness(business(7, 0), true));

            mvc.perform(post("/v1/businesses").with(owner()).header("Idempotency-Key", key)
                            .contentType(MediaType.APPLICATION_JSON).content(VALID_BODY))
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Idempotent-Replayed", "true"))
                    .andExpect(header().string(HttpHeaders.LOCATION, "/v1/businesses/7"));
        }

        @Test
        void withoutATokenIsA401AskingForABearerToken() throws Exception {
            assertProblem(mvc.perform(post("/v1/businesses").contentType(MediaType.APPLICATION_JSON)
                    .content(VALID_BODY)), 401)
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                    .andExpect(jsonPath("$.type").value("/problems/unauthorized"));
            verifyNoInteractions(service);
        }

        @Test
        void aGarbageBearerTokenIsA401() throws Exception {
            assertProblem(mvc.perform(post("/v1/businesses").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.jwt")
                    .contentType(MediaType.APPLICATION_JSON).content(VALID_BODY)), 401)
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
            verifyNoInteractions(service);
        }

        @Test
        void plainTextIsA415() throws Exception {
            assertProblem(mvc.perform(post("/v1/businesses").with(owner()).contentType(MediaType.TEXT_PLAIN)
                    .content(VALID_BODY)), 415);
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"name\": \"Cafe\",", "{\"name\": }", "{name: \"Cafe\"}", "not json",
                "{\"name\": \"Cafe\", \"name\": \"Cafe\", \"category\": \"cafe\", \"latitude\": 1, \"longitude\": 1}"})
        void malformedJsonIsA400WithoutParserInternals(String body) throws Exception {
            MvcResult result = assertProblem(postBusiness(body), 400)
                    .andExpect(jsonPath("$.type").value("/problems/malformed-json"))
                    .andReturn();
            assertNoInternals(result);
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "null", "[]", "\"Cafe\"", "42"})
        void aBodyThatIsNotAnObjectIsA400(String body) throws Exception {
            assertNoInternals(assertProblem(postBusiness(body), 400).andReturn());
            verifyNoInteractions(service);
        }

        @Test
        void anUnknownFieldIsA400NamingIt() throws Exception {
            MvcResult result = assertProblem(postBusiness(VALID_BODY.replace("}", ", \"colour\": \"red\"}")), 400)
                    .andExpect(jsonPath("$.type").value("/problems/validation-failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("colour"))
                    .andExpect(jsonPath("$.errors[0].message").value("is not a field of this request"))
                    .andReturn();
            assertNoInternals(result);
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"id\": \"1\"", "\"ownerId\": \"1\"", "\"version\": 0",
                "\"createdAt\": \"2025-01-01T00:00:00Z\"", "\"updatedAt\": \"2025-01-01T00:00:00Z\""})
        void aServerOwnedFieldIsA400NamingIt(String field) throws Exception {
            String name = field.substring(1, field.indexOf('"', 1));
            assertProblem(postBusiness(VALID_BODY.replace("}", ", " + field + "}")), 400)
                    .andExpect(jsonPath("$.errors[0].field").value(name))
                    .andExpect(jsonPath("$.errors[0].message").value("is set by the server and may not be sent"));
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"45d\"", "\"NaN\"", "\"Infinity\"", "\"\"", "\"45\"", "true", "[45]", "{}"})
        void aLatitudeThatIsNotAJsonNumberIsA400(String latitude) throws Exception {
            MvcResult result = assertProblem(postBusiness(VALID_BODY.replace("37.5665", latitude)), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("latitude"))
                    .andReturn();
            assertNoInternals(result);
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "0x10", "+45", ".5", "045"})
        void nonStandardNumberLiteralsAreMalformedJson(String latitude) throws Exception {
            assertProblem(postBusiness(VALID_BODY.replace("37.5665", latitude)), 400)
                    .andExpect(jsonPath("$.type").value("/problems/malformed-json"));
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"90.000001", "1e400", "-91"})
        void aLatitudeOutOfRangeIsA400(String latitude) throws Exception {
            assertProblem(postBusiness(VALID_BODY.replace("37.5665", latitude)), 400)
                    .andExpect(jsonPath("$.type").value("/problems/validation-failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("latitude"));
            verifyNoInteractions(service);
        }

        @Test
        void aNulCharacterInTheNameIsA400() throws Exception {
            assertProblem(postBusiness(VALID_BODY.replace("Cafe Onion", "Cafe\\u0000Onion")), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("name"))
                    .andExpect(jsonPath("$.errors[0].message").value("must not contain NUL characters"));
            verifyNoInteractions(service);
        }

        @Test
        void aNulCharacterInAnHoursEntryIsA400() throws Exception {
            String body = VALID_BODY.replace("}",
                    ", \"hours\": [{\"day\": \"MONDAY\", \"open\": \"09:00\\u0000\", \"close\": \"18:00\"}]}");
            assertProblem(postBusiness(body), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("hours[0].open"));
            verifyNoInteractions(service);
        }

        @Test
        void validationErrorsNameEachField() throws Exception {
            String body = """
                    {"name": " ", "category": "Cafe", "latitude": 91, "longitude": 126.978,
                     "website": "javascript:alert(1)", "hours": [{"day": "MONDAY", "open": "24:00", "close": "02:00"}]}""";
            assertProblem(postBusiness(body), 400)
                    .andExpect(jsonPath("$.type").value("/problems/validation-failed"))
                    .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder(
                            "category", "hours[0].open", "latitude", "name", "website")))
                    .andExpect(jsonPath("$.errors[*].message").value(everyItem(not(containsString("javascript")))));
            verifyNoInteractions(service);
        }

        @Test
        void anUnknownDayIsA400ListingTheDays() throws Exception {
            String body = VALID_BODY.replace("}",
                    ", \"hours\": [{\"day\": \"FUNDAY\", \"open\": \"09:00\", \"close\": \"18:00\"}]}");
            assertProblem(postBusiness(body), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("hours[0].day"))
                    .andExpect(jsonPath("$.errors[0].message").value(startsWith("must be one of [MONDAY")));
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a a", "clé", "tab\tkey", "\u00a0"})
        void aBadIdempotencyKeyIsA400(String key) throws Exception {
            assertProblem(mvc.perform(post("/v1/businesses").with(owner()).header("Idempotency-Key", key)
                            .contentType(MediaType.APPLICATION_JSON).content(VALID_BODY)), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
            verifyNoInteractions(service);
        }

        @Test
        void anIdempotencyKeyOf255CharactersIsAcceptedAnd256IsNot() throws Exception {
            String longest = "k".repeat(255);
            given(service.create(OWNER, VALID_REQUEST, longest)).willReturn(new CreatedBusiness(business(7, 0), false));
            mvc.perform(post("/v1/businesses").with(owner()).header("Idempotency-Key", longest)
                            .contentType(MediaType.APPLICATION_JSON).content(VALID_BODY))
                    .andExpect(status().isCreated());

            assertProblem(mvc.perform(post("/v1/businesses").with(owner()).header("Idempotency-Key", "k".repeat(300))
                    .contentType(MediaType.APPLICATION_JSON).content(VALID_BODY)), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
            verify(service).create(any(), any(), eq(longest));
            verifyNoMoreInteractions(service);
        }

        @Test
        void aServiceProblemKeepsItsStatusAndType() throws Exception {
            given(service.create(OWNER, VALID_REQUEST, "k1")).willThrow(IdempotencyKeyException.reusedWithOtherBody());

            assertProblem(mvc.perform(post("/v1/businesses").with(owner()).header("Idempotency-Key", "k1")
                    .contentType(MediaType.APPLICATION_JSON).content(VALID_BODY)), 422)
                    .andExpect(jsonPath("$.type").value("/problems/idempotency-key-reused"));
        }
    }

    @Nested
    class BodyLimit {

        /** A syntactically plausible JSON body of exactly {@code bytes} bytes. */
        private static byte[] bodyOf(int bytes) {
            String prefix = "{\"name\": \"";
            String suffix = "\", \"category\": \"cafe\", \"latitude\": 1, \"longitude\": 1}";
            String body = prefix + "a".repeat(bytes - prefix.length() - suffix.length()) + suffix;
            assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
            return body.getBytes(StandardCharsets.UTF_8);
        }

        @Test
        void aDeclaredLengthOverSixtyFourKibIsA413() throws Exception {
            assertProblem(mvc.perform(post("/v1/businesses").with(owner()).contentType(MediaType.APPLICATION_JSON)
                    .content(bodyOf(64 * 1024 + 1))), 413)
                    .andExpect(jsonPath("$.type").value("/problems/payload-too-large"));
            verifyNoInteractions(service);
        }

        @Test
        void aChunkedBodyOverSixtyFourKibIsA413() throws Exception {
            assertProblem(mvc.perform(post("/v1/businesses").with(owner()).header(ChunkedTransfer.HEADER, "true")
                    .contentType(MediaType.APPLICATION_JSON).content(bodyOf(64 * 1024 + 1))), 413)
                    .andExpect(jsonPath("$.type").value("/problems/payload-too-large"));
            verifyNoInteractions(service);
        }

        @Test
        void exactlySixtyFourKibIsReadAndValidated() throws Exception {
            // the name is far over 200 code points, so the body is read whole and then refused by validation
            assertProblem(mvc.perform(post("/v1/businesses").with(owner()).header(ChunkedTransfer.HEADER, "true")
                    .contentType(MediaType.APPLICATION_JSON).content(bodyOf(64 * 1024))), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("name"));
            verifyNoInteractions(service);
        }
    }

    @Nested
    class Replace {

        private static final String NEW_BODY = VALID_BODY.replace("Cafe Onion", "  Cafe Garlic ");
        private static final BusinessRequest NEW_REQUEST = new BusinessRequest("Cafe Garlic", "cafe", 37.5665,
                126.978, null, null, null, null, null, null, null, null, null);

        @Test
        void passesTheParsedIfMatchToTheService() throws Exception {
            given(service.replace(any(), anyLong(), any(), any())).willReturn(business(7, 4));

            mvc.perform(put("/v1/businesses/7").with(owner()).header(HttpHeaders.IF_MATCH, "\"3\", W/\"9\"")
                            .contentType(MediaType.APPLICATION_JSON).content(NEW_BODY))
                    .andExpect(status().isOk())
                    .andExpect(header().string(HttpHeaders.ETAG, "\"4\""))
                    .andExpect(jsonPath("$.version").value(4));
            verify(service).replace(OWNER, 7L, NEW_REQUEST, new IfMatch(false, List.of("3")));
        }

        @Test
        void withoutIfMatchTheWriteIsUnconditional() throws Exception {
            given(service.replace(any(), anyLong(), any(), any())).willReturn(business(7, 4));

            mvc.perform(put("/v1/businesses/7").with(owner()).contentType(MediaType.APPLICATION_JSON).content(NEW_BODY))
                    .andExpect(status().isOk());
            verify(service).replace(OWNER, 7L, NEW_REQUEST, null);
        }

        @Test
        void anAdminTokenReachesTheServiceAsAnAdmin() throws Exception {
            given(service.replace(any(), anyLong(), any(), any())).willReturn(business(7, 4));

            mvc.perform(put("/v1/businesses/7")
                            .with(jwt().jwt(j -> j.subject("5")).authorities(new SimpleGrantedAuthority("ROLE_ADMIN")))
                            .contentType(MediaType.APPLICATION_JSON).content(NEW_BODY))
                    .andExpect(status().isOk());
            verify(service).replace(new AuthenticatedOwner(5, true), 7L, NEW_REQUEST, null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"3", "\"3", "W/3", "\"a\"b\""})
        void aMalformedIfMatchIsA400(String ifMatch) throws Exception {
            assertProblem(mvc.perform(put("/v1/businesses/7").with(owner()).header(HttpHeaders.IF_MATCH, ifMatch)
                            .contentType(MediaType.APPLICATION_JSON).content(NEW_BODY)), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("If-Match"));
            verifyNoInteractions(service);
        }

        @Test
        void aStaleVersionIsA412() throws Exception {
            given(service.replace(any(), anyLong(), any(), any())).willThrow(PreconditionFailedException.staleVersion(5));

            assertProblem(mvc.perform(put("/v1/businesses/7").with(owner()).header(HttpHeaders.IF_MATCH, "\"3\"")
                    .contentType(MediaType.APPLICATION_JSON).content(NEW_BODY)), 412)
                    .andExpect(jsonPath("$.type").value("/problems/stale-version"));
        }

        @Test
        void withoutATokenIsA401() throws Exception {
            assertProblem(mvc.perform(put("/v1/businesses/7").contentType(MediaType.APPLICATION_JSON)
                    .content(NEW_BODY)), 401)
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
            verifyNoInteractions(service);
        }

        @Test
        void aMalformedIdIsA400() throws Exception {
            assertProblem(mvc.perform(put("/v1/businesses/x7").with(owner()).contentType(MediaType.APPLICATION_JSON)
                    .content(NEW_BODY)), 400)
                    .andExpect(jsonPath("$.type").value("/problems/malformed-id"));
            verifyNoInteractions(service);
        }
    }

    @Nested
    class Delete {

        @Test
        void answers204() throws Exception {
            MvcResult result = mvc.perform(delete("/v1/businesses/7").with(owner()))
                    .andExpect(status().isNoContent())
                    .andReturn();
            assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
            verify(service).delete(OWNER, 7L, null);
        }

        @Test
        void passesIfMatchStar() throws Exception {
            mvc.perform(delete("/v1/businesses/7").with(owner()).header(HttpHeaders.IF_MATCH, "*"))
                    .andExpect(status().isNoContent());
            verify(service).delete(OWNER, 7L, new IfMatch(true, List.of()));
        }

        @Test
        void someoneElsesBusinessIsA403() throws Exception {
            willThrow(ForbiddenException.notYourBusiness())
                    .given(service).delete(OWNER, 7L, null);

            assertProblem(mvc.perform(delete("/v1/businesses/7").with(owner())), 403)
                    .andExpect(jsonPath("$.type").value("/problems/forbidden"));
        }

        @Test
        void withoutATokenIsA401() throws Exception {
            assertProblem(mvc.perform(delete("/v1/businesses/7")), 401)
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
            verifyNoInteractions(service);
        }
    }

    @Nested
    class OwnBusinesses {

        @Test
        void listsAPageAndPassesTheCursor() throws Exception {
            String token = OwnerPageToken.after(9);
            given(service.listOwned(OWNER_ID, 2, 9L)).willReturn(new OwnerBusinessesPage(
                    List.of(business(8, 0), business(7, 1)), OwnerPageToken.after(7)));

            mvc.perform(get("/v1/owners/me/businesses").with(owner()).param("limit", "2").param("pageToken", token))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.businesses[0].id").value("8"))
                    .andExpect(jsonPath("$.businesses[1].id").value("7"))
                    .andExpect(jsonPath("$.nextPageToken").value(OwnerPageToken.after(7)));
        }

        @Test
        void theFirstPageHasTwentyByDefault() throws Exception {
            given(service.listOwned(OWNER_ID, 20, Long.MAX_VALUE)).willReturn(new OwnerBusinessesPage(List.of(), null));

            mvc.perform(get("/v1/owners/me/businesses").with(owner()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.businesses").isEmpty())
                    .andExpect(jsonPath("$.nextPageToken").isEmpty());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "99999999999"})
        void aLimitOutsideOneToAHundredIsA400(String limit) throws Exception {
            assertProblem(mvc.perform(get("/v1/owners/me/businesses").with(owner()).param("limit", limit)), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("limit"));
            verifyNoInteractions(service);
        }

        @ParameterizedTest
        @ValueSource(strings = {"garbage", "b2IxOi01", "", "!!"})
        void aBadPageTokenIsA400(String token) throws Exception {
            assertProblem(mvc.perform(get("/v1/owners/me/businesses").with(owner()).param("pageToken", token)), 400)
                    .andExpect(jsonPath("$.errors[0].field").value("pageToken"));
            verifyNoInteractions(service);
        }

        @Test
        void withoutATokenIsA401() throws Exception {
            assertProblem(mvc.perform(get("/v1/owners/me/businesses")), 401)
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
            verifyNoInteractions(service);
        }
    }

    private static void assertNoInternals(MvcResult result) throws Exception {
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).doesNotContainIgnoringCase("jackson").doesNotContain("com.fasterxml", "dev.proximity",
                "java.", "BusinessRequest", "Exception", "Cannot deserialize", "Unrecognized");
    }

    /**
     * MockMvc always knows a body's length; this filter hides it, as a chunked request would, so the limit
     * has to be enforced while the body is read. Imported rather than auto-detected, so the outer class and
     * its {@code @Nested} classes share one application context.
     */
    static class ChunkedTransfer {

        static final String HEADER = "X-Test-Chunked";

        @Bean
        FilterRegistrationBean<Filter> chunkedTransferFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter() {
                @Override
                public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                        throws IOException, ServletException {
                    HttpServletRequest http = (HttpServletRequest) request;
                    chain.doFilter(http.getHeader(HEADER) == null ? request : new WithoutLength(http), response);
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        private static final class WithoutLength extends HttpServletRequestWrapper {

            WithoutLength(HttpServletRequest request) {
                super(request);
            }

            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public String getHeader(String name) {
                return HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }
        }
    }
}
