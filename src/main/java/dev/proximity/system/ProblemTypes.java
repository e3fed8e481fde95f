package dev.proximity.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem types (slugs of {@code /problems/<slug>}) an API call can answer with besides those its shape
 * implies (a body, parameters, a bearer token: see {@code OpenApiConfiguration}). The OpenAPI document lists
 * them, with status and title, under each error response, so a client knows which {@code type}s to handle.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProblemTypes {

    /** Slugs from {@code ProblemCatalog}, e.g. {@code "business-not-found"}. */
    String[] value();
}
