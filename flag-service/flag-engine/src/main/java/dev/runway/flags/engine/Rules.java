package dev.runway.flags.engine;

/** Small shared pieces of rule evaluation. */
final class Rules {
    private Rules() {}

    /** Whether every matcher holds; an empty array holds (a rule without conditions matches everyone). */
    static boolean allHold(Matcher[] matchers, EvaluationContext context) {
        for (Matcher matcher : matchers) {
            if (!matcher.test(context)) {
                return false;
            }
        }
        return true;
    }
}
