package dev.runway.gateway.route.table;

import dev.runway.common.problem.FieldViolation;
import java.util.List;

/**
 * A copy of a share of the route's traffic sent to {@code upstream} (the candidate) and compared with the
 * primary's answer.
 *
 * @param upstream where copies go
 * @param percent share of eligible requests copied, 0 (off) to 100, in steps of 0.01
 * @param allowWrites true only when the shadow upstream is sandboxed for writes: otherwise only GET, HEAD and
 *     OPTIONS are copied, so that a copy can never place a second order
 * @param secondary optional second instance of the primary version; copies go there too and primary-vs-
 *     secondary differences are the noise that primary-vs-shadow differences are measured against
 * @param compareHeaders response headers compared besides the status and the JSON body (case-insensitive)
 * @param ignoreFields JSON field paths left out of the comparison ({@code servedAt}, {@code items[].id});
 *     a path also ignores everything below it
 */
public record Shadow(
        String upstream,
        Double percent,
        Boolean allowWrites,
        String secondary,
        List<String> compareHeaders,
        List<String> ignoreFields) {
    static final int MAX_LIST = 100;

    public Shadow {
        percent = percent == null ? 100.0 : percent;
        allowWrites = allowWrites != null && allowWrites;
        compareHeaders = compareHeaders == null ? List.of() : List.copyOf(compareHeaders);
        ignoreFields = ignoreFields == null ? List.of() : List.copyOf(ignoreFields);
    }

    /** The share in basis points (0-10000), the unit every draw in the gateway uses. */
    public int basisPoints() {
        return (int) Math.round(percent * 100);
    }

    void check(String field, List<FieldViolation> violations) {
        String reason = Route.urlProblem(upstream);
        if (reason != null) {
            violations.add(new FieldViolation(field + ".upstream", reason));
        }
        if (secondary != null) {
            String secondaryReason = Route.urlProblem(secondary);
            if (secondaryReason != null) {
                violations.add(new FieldViolation(field + ".secondary", secondaryReason));
            }
        }
        if (percent.isNaN() || percent < 0 || percent > 100) {
            violations.add(new FieldViolation(field + ".percent", "must be between 0 and 100"));
        }
        if (compareHeaders.size() > MAX_LIST) {
            violations.add(new FieldViolation(field + ".compareHeaders", "at most " + MAX_LIST + " headers"));
        }
        for (int i = 0; i < compareHeaders.size(); i++) {
            String header = compareHeaders.get(i);
            if (header == null || !header.matches(Stickiness.TOKEN)) {
                violations.add(new FieldViolation(field + ".compareHeaders[" + i + "]", "must be a header name"));
            }
        }
        if (ignoreFields.size() > MAX_LIST) {
            violations.add(new FieldViolation(field + ".ignoreFields", "at most " + MAX_LIST + " paths"));
        }
        for (int i = 0; i < ignoreFields.size(); i++) {
            String path = ignoreFields.get(i);
            if (path == null || path.isBlank() || path.length() > 200) {
                violations.add(new FieldViolation(field + ".ignoreFields[" + i + "]", "must be a field path"));
            }
        }
    }
}
