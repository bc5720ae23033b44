package dev.runway.gateway.route.table;

import dev.runway.common.problem.FieldViolation;
import java.util.List;

/**
 * Which request value keeps a user on one version: a header (such as {@code X-User-Id}), a cookie, or a
 * cookie the gateway issues on the first visit.
 */
public record Stickiness(KeySource source, String name) {
    /** What a route gets when it names nothing: works for browsers with no change to the application. */
    public static final Stickiness DEFAULT = new Stickiness(KeySource.ISSUED_COOKIE, "runway-id");

    static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}";

    void check(String field, List<FieldViolation> violations) {
        if (source == null) {
            violations.add(new FieldViolation(field + ".source", "must be HEADER, COOKIE or ISSUED_COOKIE"));
        }
        if (name == null || !name.matches(TOKEN)) {
            violations.add(new FieldViolation(field + ".name", "must be a header or cookie name (1-128 token chars)"));
        }
    }
}
