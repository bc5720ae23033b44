package dev.runway.common.problem;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a request body that could not be read into a violation naming the field.
 *
 * <p>Spring's default answer to an unreadable body is a bare "Failed to read request": a user who sent
 * {@code "weight": "ten"} deserves to be told that {@code weight} must be a number.
 */
public final class RequestBodyErrors {
    private RequestBodyErrors() {}

    public static FieldViolation describe(Throwable failure) {
        JacksonException jackson = findJackson(failure);
        if (jackson == null) {
            return new FieldViolation("body", "the request body is missing or is not valid JSON");
        }
        String field = pathOf(jackson.getPath());
        return switch (jackson) {
            case UnrecognizedPropertyException unknown -> new FieldViolation(field, "unknown field");
            case InvalidFormatException format ->
                new FieldViolation(
                        field, "expected " + typeName(format.getTargetType()) + " but got " + quote(format.getValue()));
            case MismatchedInputException mismatch
            when mismatch.getTargetType() != null ->
                new FieldViolation(
                        field.isEmpty() ? "body" : field,
                        "expected " + typeName(mismatch.getTargetType()) + firstClause(mismatch.getOriginalMessage()));
            case StreamReadException malformed ->
                new FieldViolation(field.isEmpty() ? "body" : field, "malformed JSON" + location(malformed));
            default -> new FieldViolation(field.isEmpty() ? "body" : field, firstClause(jackson.getOriginalMessage()));
        };
    }

    private static JacksonException findJackson(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson) {
                return jackson;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    static String pathOf(List<JacksonException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp";
        }
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration such as PT30S";
        }
        return "an object";
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String firstClause(String message) {
        if (message == null) {
            return "";
        }
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        if (line.startsWith("Cannot deserialize value of type")) {
            int from = line.indexOf(" from ");
            return from < 0 ? "" : " but got" + line.substring(from + 5).replace(" value", "");
        }
        return line.isEmpty() ? "" : ": " + line;
    }

    private static String location(StreamReadException malformed) {
        var at = malformed.getLocation();
        if (at == null || at.getLineNr() < 0) {
            return "";
        }
        return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
