package dev.runway.flags.engine;

import dev.runway.flags.engine.model.FlagType;
import java.util.Set;

/**
 * A flag ready to evaluate: the pipeline state → prerequisites → rules (first match wins) → fallthrough, with
 * every possible result prebuilt. A flag whose configuration is invalid compiles to a stub that always
 * answers {@code PARSE_ERROR}, so one bad flag never takes the rest of a ruleset down.
 */
final class CompiledFlag {

    /** A compiled rule: conditions that must all hold, and what to serve. */
    record CompiledRule(Matcher[] conditions, Serving serving) {}

    /** A compiled prerequisite: the required flag, its accepted variants, and the result when unmet. */
    record CompiledPrerequisite(CompiledFlag flag, Set<String> variants, Evaluation.Resolved unmet) {
        boolean isMet(EvaluationContext context) {
            return flag.evaluate(context) instanceof Evaluation.Resolved resolved
                    && variants.contains(resolved.variant());
        }
    }

    private final String key;
    private final FlagType type;
    private final Evaluation fixed; // off, killed or broken: the answer regardless of context
    private final CompiledPrerequisite[] prerequisites;
    private final CompiledRule[] rules;
    private final Serving fallthrough;

    private CompiledFlag(
            String key,
            FlagType type,
            Evaluation fixed,
            CompiledPrerequisite[] prerequisites,
            CompiledRule[] rules,
            Serving fallthrough) {
        this.key = key;
        this.type = type;
        this.fixed = fixed;
        this.prerequisites = prerequisites;
        this.rules = rules;
        this.fallthrough = fallthrough;
    }

    static CompiledFlag on(
            String key,
            FlagType type,
            CompiledPrerequisite[] prerequisites,
            CompiledRule[] rules,
            Serving fallthrough) {
        return new CompiledFlag(key, type, null, prerequisites, rules, fallthrough);
    }

    static CompiledFlag constant(String key, FlagType type, Evaluation answer) {
        return new CompiledFlag(key, type, answer, new CompiledPrerequisite[0], new CompiledRule[0], null);
    }

    String key() {
        return key;
    }

    /** The flag's type; {@code null} for a broken flag whose type is missing. */
    FlagType type() {
        return type;
    }

    Evaluation evaluate(EvaluationContext context) {
        if (fixed != null) {
            return fixed;
        }
        for (CompiledPrerequisite prerequisite : prerequisites) {
            if (!prerequisite.isMet(context)) {
                return prerequisite.unmet();
            }
        }
        for (CompiledRule rule : rules) {
            if (Rules.allHold(rule.conditions(), context)) {
                return rule.serving().serve(context);
            }
        }
        return fallthrough.serve(context);
    }
}
