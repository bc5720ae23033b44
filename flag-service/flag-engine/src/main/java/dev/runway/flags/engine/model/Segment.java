package dev.runway.flags.engine.model;

import java.util.List;

/**
 * A reusable audience.
 *
 * <p>Membership, in this order: a targeting key in {@code excluded} is never a member; one in {@code
 * included} always is; otherwise the context is a member iff there is at least one condition and all
 * conditions hold. A segment without conditions is therefore exactly its include list — never "everyone",
 * which would be a dangerous accident.
 *
 * @param key unique segment key
 * @param conditions conditions that must all hold
 * @param included targeting keys that are always members
 * @param excluded targeting keys that are never members (wins over {@code included})
 */
public record Segment(String key, List<Condition> conditions, List<String> included, List<String> excluded) {
    public Segment {
        conditions = Copies.list(conditions);
        included = Copies.list(included);
        excluded = Copies.list(excluded);
    }
}
