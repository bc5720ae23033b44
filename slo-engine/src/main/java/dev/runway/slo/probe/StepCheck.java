package dev.runway.slo.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What one step's answer is judged against; plain logic, tested with a table. */
final class StepCheck {
    private StepCheck() {}

    /** Every way the answer misses its expectation; empty when it passes. */
    static List<String> failures(ProbeSpec.Expect expect, int status, String body, long latencyMs) {
        List<String> failures = new ArrayList<>();
        int wanted = expect == null || expect.status() == null ? 200 : expect.status();
        if (status != wanted) {
            failures.add("status " + status + ", expected " + wanted);
        }
        if (expect != null
                && expect.bodyContains() != null
                && (body == null || !body.contains(expect.bodyContains()))) {
            failures.add("body does not contain '" + expect.bodyContains() + "'");
        }
        if (expect != null && expect.maxLatencyMs() != null && latencyMs > expect.maxLatencyMs()) {
            failures.add(
                    String.format(Locale.ROOT, "took %d ms, at most %d ms allowed", latencyMs, expect.maxLatencyMs()));
        }
        return failures;
    }
}
