package dev.runway.common.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the platform's problem documents so that every service answers in one shape. */
public final class Problems {
    /** Problem types are URNs: stable identifiers that do not pretend to be a resolvable web page. */
    public static final String TYPE_PREFIX = "urn:runway:problem:";

    private Problems() {}

    public static ProblemDetail of(ApiProblem problem) {
        return build(problem.status(), problem.type(), problem.title(), problem.getMessage(), problem.violations());
    }

    public static ProblemDetail invalid(List<FieldViolation> violations) {
        return of(ApiProblem.invalid(violations));
    }

    public static ProblemDetail build(
            int status, String type, String title, String detail, List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        if (!violations.isEmpty()) {
            problem.setProperty(
                    "errors",
                    violations.stream()
                            .map(v -> Map.of("field", v.field(), "reason", v.reason()))
                            .toList());
        }
        return problem;
    }
}
