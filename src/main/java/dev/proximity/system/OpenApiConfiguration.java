package dev.proximity.system;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.hibernate.validator.constraints.CodePointLength;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The published contract at {@code /v3/api-docs} (committed as {@code docs/openapi.json}): API info, the bearer
 * scheme the write calls require, the problem+json shape of every error with the problem types each call can
 * answer with, so client generators see the errors as well as the successes, and the X-Request-Id header every
 * response carries. Longer than most configuration:
 * every rule of the error documentation is here, in one place.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String REQUEST_ID_HEADER = RequestIdFilter.HEADER;
    /** Carries {@link ProblemTypes} from the handler to {@link #problemResponses()}; never published. */
    private static final String PROBLEM_TYPES = "x-proximity-problem-types";
    private static final Map<Integer, String> STATUS_DESCRIPTIONS = Map.of(
            400, "Invalid request: a malformed body or query, or invalid fields (errors names each)",
            401, "Missing, expired or invalid bearer token",
            413, "Request body too large",
            415, "Unsupported content type",
            500, "Unexpected error on the server side; may be retried",
            503, "Unavailable or overloaded for now; nothing was done. Retry after Retry-After seconds");

    @Bean
    OpenAPI proximityOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Proximity API").version("v1")
                        .description("Find businesses near a point; owners manage their own businesses. Ids are "
                                + "64-bit and travel as strings of digits. Every error is application/problem+json "
                                + "(RFC 9457) with a stable type; each error response lists the types it can carry.")
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                // Relative, so the document is the same on every host and port (it is committed as
                // docs/openapi.json) and Swagger UI calls the server it was loaded from.
                .servers(List.of(new Server().url("/").description("The server this document was read from")))
                .components(new Components());
    }

    @Bean
    OperationCustomizer declaredProblemTypes() {
        return (operation, handler) -> {
            ProblemTypes declared = handler.getMethodAnnotation(ProblemTypes.class);
            if (declared != null) {
                operation.addExtension(PROBLEM_TYPES, List.of(declared.value()));
            }
            return operation;
        };
    }

    /** JSON Schema counts a string's length in code points, as {@code @CodePointLength} does. */
    @Bean
    PropertyCustomizer codePointLengths() {
        return (schema, type) -> {
            for (Annotation annotation : type.getCtxAnnotations() == null ? new Annotation[0]
                    : type.getCtxAnnotations()) {
                if (annotation instanceof CodePointLength length) {
                    if (length.min() > 0) {
                        schema.setMinLength(length.min());
                    }
                    if (length.max() < Integer.MAX_VALUE) {
                        schema.setMaxLength(length.max());
                    }
                }
            }
            return schema;
        };
    }

    /**
     * Runs after springdoc has read the controllers: adds the bearer scheme and the Problem schema, and gives every
     * call one error response per status it can answer with, each with the problem+json body (springdoc would give
     * it the method's return type) and one example per problem type.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents()
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                            .scheme("bearer").bearerFormat("JWT")
                            .description("Access token from POST /v1/auth/token"))
                    .addSchemas("Problem", problemSchema())
                    .addSchemas("ProblemError", problemErrorSchema());
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(
                    OpenApiConfiguration::documentProblems));
            openApi.getComponents().addHeaders(REQUEST_ID_HEADER, new Header()
                    .description("This request's id (RequestIdFilter): the trace-id of a valid W3C traceparent, "
                            + "else 32 random hex digits; the same id is in every log line of the request and in "
                            + "the requestId of a problem+json body")
                    .schema(new StringSchema().pattern("^[0-9a-f]{32}$")));
            Header requestId = new Header().$ref("#/components/headers/" + REQUEST_ID_HEADER);
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    operation.getResponses().values().forEach(response -> response.addHeaderObject(
                            REQUEST_ID_HEADER, requestId))));
        };
    }

    private static void documentProblems(Operation operation) {
        Set<String> slugs = impliedProblemTypes(operation);
        Map<String, Object> extensions = operation.getExtensions();
        if (extensions != null && extensions.remove(PROBLEM_TYPES) instanceof List<?> declared) {
            declared.forEach(slug -> slugs.add((String) slug));
            if (extensions.isEmpty()) {
                operation.setExtensions(null);
            }
        }
        Map<Integer, Set<String>> byStatus = new TreeMap<>();
        for (String slug : slugs) {
            byStatus.computeIfAbsent(ProblemCatalog.of(slug).status(), s -> new TreeSet<>()).add(slug);
        }
        byStatus.forEach((status, types) -> {
            ApiResponse response = operation.getResponses().get(Integer.toString(status));
            if (response == null) {
                response = new ApiResponse().description(STATUS_DESCRIPTIONS.getOrDefault(status,
                        HttpStatus.valueOf(status).getReasonPhrase()));
                operation.getResponses().addApiResponse(Integer.toString(status), response);
            }
            response.setContent(problemContent(types));
            if (status == 429 || status == 503) {
                response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                        .schema(new IntegerSchema().minimum(BigDecimal.ONE)));
            }
        });
        // an error declared without a type still gets the problem+json body (the audit test asks for its type)
        operation.getResponses().forEach((status, response) -> {
            if ((status.startsWith("4") || status.startsWith("5")) && !byStatus.containsKey(Integer.valueOf(status))) {
                response.setContent(problemContent(Set.of()));
            }
        });
    }

    /** What a call's shape implies: any call can fail or be shed; parameters, bodies and tokens can be wrong. */
    private static Set<String> impliedProblemTypes(Operation operation) {
        Set<String> slugs = new TreeSet<>(List.of("internal-error", "service-unavailable"));
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        RequestBody body = operation.getRequestBody();
        boolean jsonBody = body != null && body.getContent() != null
                && body.getContent().containsKey(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
        if (!parameters.isEmpty() || jsonBody) {
            slugs.add("validation-failed");
        }
        if (parameters.stream().anyMatch(p -> "query".equals(p.getIn()))) {
            slugs.add("malformed-query");
        }
        if (jsonBody) {
            slugs.add("malformed-json");
        }
        if (body != null) {
            slugs.add("payload-too-large");
            slugs.add("unsupported-media-type");
        }
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            slugs.add("unauthorized");
        }
        return slugs;
    }

    private static Content problemContent(Set<String> slugs) {
        MediaType mediaType = new MediaType().schema(new Schema<>().$ref(PROBLEM_REF));
        for (String slug : slugs) {
            ProblemCatalog.Entry entry = ProblemCatalog.of(slug);
            Map<String, Object> value = new TreeMap<>(Map.of("type", ProblemException.typeOf(slug).toString(),
                    "title", entry.title(), "status", entry.status()));
            mediaType.addExamples(slug, new Example().summary(entry.title()).value(value));
        }
        return new Content().addMediaType(PROBLEM_JSON, mediaType);
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("/problems/validation-failed")
                        .description("/problems/<slug>, stable; each error response lists the types it can carry"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("One or more fields are invalid"))
                .addProperty("instance", new StringSchema().example("/v1/businesses"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ProblemError"))
                        .description("validation-failed: one per invalid field; import-rejected and "
                                + "import-line-too-long: one per bad line"))
                .addProperty("errorCount", new IntegerSchema().format("int64")
                        .description("import-rejected: how many lines are invalid (errors may list fewer)"))
                .addProperty("requestId", new StringSchema().pattern("^[0-9a-f]{32}$")
                        .example("4bf92f3577b34da6a3ce929d0e0e4736")
                        .description("The request's id, as in the X-Request-Id header and the logs: the trace-id of "
                                + "a valid W3C traceparent sent with the request, else generated. Absent only when "
                                + "the server refused the request before reading it"))
                .required(List.of("type", "title", "status"));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemErrorSchema() {
        return new ObjectSchema()
                .description("One invalid field (field) or import line (line, 1 = the first line)")
                .addProperty("field", new StringSchema().example("latitude"))
                .addProperty("line", new IntegerSchema().format("int64").example(3))
                .addProperty("message", new StringSchema().example("must be less than or equal to 90"))
                .required(List.of("message"));
    }
}
