package dev.runway.flags.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A flag as seen in one environment: its definition (key, type, variants) joined with that environment's
 * state, prerequisites, rules and rollout.
 *
 * <p>Evaluation order: state (off or killed ⇒ off variant) → prerequisites (any unmet ⇒ off variant) →
 * rules, first match wins → {@code rollout} if present → default variant.
 *
 * @param key unique flag key
 * @param type the type every variant value must have
 * @param variants variant name → value; values are checked against {@code type} by the validator
 * @param defaultVariant served when the flag is on and no rule matches (and there is no rollout)
 * @param offVariant served when the flag is off or killed, or a prerequisite is unmet
 * @param state on, off or killed
 * @param salt bucketing seed; {@code null} means the flag key. Flags sharing a salt bucket users
 *     identically (coordinated rollouts); changing it reshuffles everyone
 * @param prerequisites flags that must evaluate to given variants for this flag to be on
 * @param rules ordered targeting rules; the first that matches decides
 * @param rollout the percentage split for everyone no rule matched; {@code null} serves the default variant
 */
public record Flag(
        String key,
        FlagType type,
        Map<String, Object> variants,
        String defaultVariant,
        String offVariant,
        FlagState state,
        String salt,
        List<Prerequisite> prerequisites,
        List<Rule> rules,
        Serve.Split rollout) {
    public Flag {
        variants = Copies.map(variants);
        prerequisites = Copies.list(prerequisites);
        rules = Copies.list(rules);
    }
}
