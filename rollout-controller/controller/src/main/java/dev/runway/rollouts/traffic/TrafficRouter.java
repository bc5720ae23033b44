package dev.runway.rollouts.traffic;

import java.util.List;

/**
 * Shifts a service's traffic between its stable and canary pools. Every operation is idempotent (setting
 * what is already set changes nothing), so the reconciler may repeat one after a crash.
 */
public interface TrafficRouter {

    /** The split as the router holds it now. */
    Split read(String route);

    /** Puts the canary pool in place at weight 0 (no request reaches it before the first step). */
    void attachCanary(String route, List<String> canaryUpstreams);

    /**
     * Sets the canary weight; with {@code expectedPercent} not null, only if the router still holds that
     * weight (compare-and-set: a concurrent writer makes this throw {@link RouterException}).
     */
    void setWeight(String route, int percent, Integer expectedPercent);

    /** Routes the audience rings 0..{@code ring} to the canary ({@code rings}: the service's definitions). */
    void setAudience(String route, int ring, List<Object> rings);

    /** Makes {@code upstreams} the stable pool and removes the canary pool, weight 0, in one change. */
    void replaceStable(String route, List<String> upstreams);

    /** Weight 0 and no canary pool; stable untouched. */
    void detachCanary(String route);

    /**
     * @param canaryPercent canary weight in whole percent (rounded down)
     * @param ring highest audience ring routed to the canary, -1 for none
     */
    record Split(int canaryPercent, int ring, boolean canaryAttached) {}

    /** The router refused or could not be reached; the reconciler retries at the next tick. */
    final class RouterException extends RuntimeException {
        public RouterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
