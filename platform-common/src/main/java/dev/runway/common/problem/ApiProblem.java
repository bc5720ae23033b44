package dev.runway.common.problem;

import java.util.List;

/**
 * A refusal that the web layer turns into an RFC 9457 {@code application/problem+json} response.
 *
 * <p>Domain and store code throws it (or returns the violations it carries) instead of letting a low-level
 * exception escape as a 500: the type slug and the field violations are the contract clients program against.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final List<FieldViolation> violations;

    public ApiProblem(int status, String type, String title, String detail, List<FieldViolation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ApiProblem invalid(String field, String reason) {
        return invalid(List.of(new FieldViolation(field, reason)));
    }

    public static ApiProblem invalid(List<FieldViolation> violations) {
        String detail = violations.size() == 1
                ? violations.getFirst().field() + ": " + violations.getFirst().reason()
                : violations.size() + " fields are invalid";
        return new ApiProblem(400, "invalid-request", "Invalid request", detail, violations);
    }

    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(404, "not-found", "Not found", what + " '" + id + "' does not exist", List.of());
    }

    public static ApiProblem conflict(String type, String detail) {
        return new ApiProblem(409, type, "Conflict", detail, List.of());
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail, List.of());
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
