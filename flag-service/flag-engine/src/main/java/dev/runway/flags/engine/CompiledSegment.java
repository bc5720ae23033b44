package dev.runway.flags.engine;

import java.util.Set;

/**
 * A segment ready for membership tests: exclude list, then include list, then all conditions (at least one).
 */
record CompiledSegment(String key, Set<String> included, Set<String> excluded, Matcher[] conditions) {

    boolean contains(EvaluationContext context) {
        String targetingKey = context.targetingKey();
        if (targetingKey != null) {
            if (excluded.contains(targetingKey)) {
                return false;
            }
            if (included.contains(targetingKey)) {
                return true;
            }
        }
        return conditions.length > 0 && Rules.allHold(conditions, context);
    }
}
