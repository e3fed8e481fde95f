package dev.proximity.system;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published contract at {@code /v3/api-docs}: API info, the bearer scheme the write calls require, and the
 * problem+json shape of every error, so client generators see the errors as well as the successes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "400", "Malformed request or invalid fields (errors lists each field)",
            "405", "Method not allowed",
            "500", "Unexpected error on the server side; may be retried");
    private static final Map<String, String> BODY_ERRORS = Map.of(
            "413", "Request body too large",
            "415", "Unsupported content type");

    @Bean
    OpenAPI proximityOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Proximity API").version("v1")
                        .description("Find businesses near a point; owners manage their own businesses. Ids are "
                                + "64-bit and travel as strings of digits. Every error is application/problem+json "
                                + "(RFC 9457) with a stable type.")
                        .license(new License().name("Apache-2.0")))
                // Relative, so the document is the same on every host and port (it is committed as
                // docs/openapi.json) and Swagger UI calls the server it was loaded from.
                .servers(List.of(new Server().url("/").description("The server this document was read from")))
                .components(new Components());
    }

    /**
     * Runs after springdoc has read the controllers: adds the bearer scheme and the Problem schema, gives every
     * declared error response the problem+json body (springdoc would give it the method's return type), and
     * adds the errors every operation can give.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.getComponents()
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                            .scheme("bearer").bearerFormat("JWT")
                            .description("Access token from POST /v1/auth/token"))
                    .addSchemas("Problem", problemSchema());
            openApi.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
                    operation.getResponses().forEach((status, response) -> {
                        if (status.startsWith("4") || status.startsWith("5")) {
                            response.setContent(problemContent());
                        }
                    });
                    COMMON_ERRORS.forEach((status, text) -> addProblem(operation, status, text));
                    if (operation.getRequestBody() != null) {
                        BODY_ERRORS.forEach((status, text) -> addProblem(operation, status, text));
                    }
                    if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
                        addProblem(operation, "401", "Missing, expired or invalid bearer token");
                    }
                }));
        };
    }

    private static void addProblem(Operation operation, String status, String description) {
        if (operation.getResponses().containsKey(status)) {
            return;
        }
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(problemContent()));
    }

    private static Content problemContent() {
        return new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().example("latitude"))
                .addProperty("message", new StringSchema().example("must be less than or equal to 90"));
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("/problems/validation-failed"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("One or more fields are invalid"))
                .addProperty("instance", new StringSchema().example("/v1/businesses"))
                .addProperty("errors", new ArraySchema().items(fieldError))
                .required(List.of("type", "title", "status"));
    }
}
