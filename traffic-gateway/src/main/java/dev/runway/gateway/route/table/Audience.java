package dev.runway.gateway.route.table;

import dev.runway.common.problem.FieldViolation;
import java.util.List;

/**
 * A ring: requests whose header or cookie {@code key} holds one of {@code values} always go to the canary,
 * whatever the weight (ring 0 = the team, ring 1 = employees, ...).
 */
public record Audience(String name, KeySource source, String key, List<String> values) {
    static final int MAX_VALUES = 1000;

    public Audience {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** True when this request's value is one of the ring's values. */
    public boolean matches(String requestValue) {
        return requestValue != null && values.contains(requestValue);
    }

    void check(String field, List<FieldViolation> violations) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}")) {
            violations.add(
                    new FieldViolation(field + ".name", "must be 1-63 letters, digits, spaces, '.', '_' or '-'"));
        }
        if (source != KeySource.HEADER && source != KeySource.COOKIE) {
            violations.add(new FieldViolation(field + ".source", "must be HEADER or COOKIE"));
        }
        if (key == null || !key.matches(Stickiness.TOKEN)) {
            violations.add(new FieldViolation(field + ".key", "must be a header or cookie name (1-128 token chars)"));
        }
        if (values.isEmpty() || values.size() > MAX_VALUES) {
            violations.add(new FieldViolation(field + ".values", "needs 1 to " + MAX_VALUES + " values"));
        } else {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null || values.get(i).isEmpty()) {
                    violations.add(new FieldViolation(field + ".values[" + i + "]", "must not be empty"));
                }
            }
        }
    }
}
