package dev.runway.rollouts.machine;

import dev.runway.judge.Verdict;

/**
 * What the reconciler saw before deciding: the traffic actually routed (read back from the router, so a
 * step already applied before a crash is recognised and not applied again) and the continuous analysis.
 *
 * @param routedWeight canary weight in percent at the router, as read now
 * @param routedRing highest audience ring routed to the canary, -1 for none
 * @param baking the verdict with the step's bake still running (only evidence passes); null before the
 *     first canary request
 * @param bakeComplete the verdict counting the bake as complete (enough samples and no harm passes); null
 *     before the first canary request
 */
public record Observed(int routedWeight, int routedRing, Verdict baking, Verdict bakeComplete) {

    public static Observed nothingYet(int routedWeight, int routedRing) {
        return new Observed(routedWeight, routedRing, null, null);
    }
}
