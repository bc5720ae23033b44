package dev.runway.common.problem;

/**
 * One reason a request was refused, tied to the field that caused it.
 *
 * @param field a JSON-path-like location in the request ({@code spec.steps[2].weight}), a path or query
 *     parameter name, or {@code body} when the document as a whole cannot be read
 * @param reason what is wrong with it, in words a user can act on
 */
public record FieldViolation(String field, String reason) {}
