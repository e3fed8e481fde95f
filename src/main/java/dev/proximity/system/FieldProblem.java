package dev.proximity.system;

/** One invalid field of a request: its JSON path ({@code hours[2].close}) and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
