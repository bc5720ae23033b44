package dev.runway.flags.ruleset;

import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagState;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which guarded environments (those requiring four-eyes approval) a change would alter. A change needs
 * approval iff this is not empty.
 *
 * <p>A change alters an environment when the flag as that environment's engine sees it differs before and
 * after — definition edits (variants, salt) count everywhere the flag exists. Two exceptions, both so that
 * approval never stands in the way of safety: a kill (the caller says so: it only ever serves the off
 * variant, and on-call must not wait for a second person), and a new flag that is off in the environment
 * (it exposes nobody).
 */
public final class ApprovalPolicy {
    private ApprovalPolicy() {}

    /**
     * @param before the current document, {@code null} if the flag does not exist
     * @param after the document after the change, {@code null} for a deletion
     * @param guarded environments that require approval
     */
    public static Set<String> environmentsNeedingApproval(
            FlagDocument before, FlagDocument after, Collection<String> guarded) {
        Set<String> altered = new LinkedHashSet<>();
        for (String environment : guarded) {
            Flag was = before == null ? null : RulesetAssembly.flag(before, environment);
            Flag will = after == null ? null : RulesetAssembly.flag(after, environment);
            if (Objects.equals(was, will)) {
                continue;
            }
            if (was == null && will.state() == FlagState.OFF) {
                continue;
            }
            altered.add(environment);
        }
        return altered;
    }
}
