package dev.proximity.system;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson's exceptions into field problems a client can act on, without Jackson's messages (they
 * name Java classes and echo input).
 */
public final class JsonErrors {

    private static final Set<String> SERVER_OWNED = Set.of("id", "ownerId", "version", "createdAt", "updatedAt");

    private JsonErrors() {
    }

    public static ProblemException toProblem(JsonProcessingException e) {
        if (e instanceof JsonParseException || e instanceof InputCoercionException && !(e instanceof JsonMappingException)) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String detail = e instanceof InputCoercionException ? "A number is out of range" + where
                    : "The body is not well-formed JSON" + where;
            return InvalidRequestException.of("malformed-json", "Malformed JSON", detail);
        }
        if (e instanceof JsonMappingException mapping) {
            String path = pathOf(mapping);
            return InvalidRequestException.invalidField(path.isEmpty() ? "(body)" : path, messageFor(mapping, path));
        }
        return InvalidRequestException.of("malformed-json", "Malformed JSON", "The body is not well-formed JSON");
    }

    private static String messageFor(JsonMappingException e, String path) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return SERVER_OWNED.contains(unknown.getPropertyName())
                    ? "is set by the server and may not be sent" : "is not a field of this request";
        }
        if (e instanceof ValueInstantiationException) {
            return "is invalid";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + List.of(format.getTargetType().getEnumConstants());
        }
        if (e instanceof JsonConfiguration.InvalidTextException text) {
            return text.problem();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Duplicate field")) {
            return "appears more than once";
        }
        return path.isEmpty() ? "must be a JSON object" : "is invalid";
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a JSON number";
        }
        if (type == String.class) {
            return "a JSON string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
