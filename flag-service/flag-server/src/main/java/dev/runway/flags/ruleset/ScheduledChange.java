package dev.runway.flags.ruleset;

import dev.runway.flags.engine.Splits;
import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.Serve;
import java.util.List;

/**
 * A change to one environment of a flag, kept to be applied later. It is applied to the document as it is
 * at the due time, not as it was when scheduled, so a scheduled "50 %" still moves as few users as
 * possible from whatever the rollout is by then.
 */
public sealed interface ScheduledChange {
    /** The environment switched on, off or killed. */
    record SetState(FlagState state) implements ScheduledChange {}

    /** New rollout weights (basis points), rebalanced from the slices current at the due time. */
    record SetRollout(String bucketBy, List<Serve.Weight> weights) implements ScheduledChange {
        public SetRollout {
            weights = List.copyOf(weights);
        }
    }

    /** The environment's whole state and targeting replaced. */
    record SetEnvironment(EnvironmentConfig config) implements ScheduledChange {}

    /** The document after this change in {@code environment}. */
    default FlagDocument applyTo(FlagDocument current, String environment) {
        EnvironmentConfig config = current.in(environment);
        return switch (this) {
            case SetState(FlagState state) -> current.with(environment, config.withState(state));
            case SetRollout(String bucketBy, List<Serve.Weight> weights) -> {
                Serve.Split next = Splits.rebalance(config.rollout(), weights);
                String by = bucketBy != null ? bucketBy : next.bucketBy();
                yield current.with(environment, config.withRollout(new Serve.Split(by, next.weights(), next.slices())));
            }
            case SetEnvironment(EnvironmentConfig replacement) -> current.with(environment, replacement);
        };
    }

    /** The action recorded for the applied change: the same names as the direct calls use. */
    default String action() {
        return switch (this) {
            case SetState(FlagState state) -> "flag." + state.name().toLowerCase(java.util.Locale.ROOT);
            case SetRollout rollout -> "flag.rollout-set";
            case SetEnvironment replacement -> "flag.targeting-set";
        };
    }

    /**
     * Whether a guarded environment needs a second person for this change. A scheduled change is judged when
     * it is scheduled, but it lands on the document as it will be at the due time, which nobody can know yet:
     * so every scheduled change to a guarded environment needs approval — except a kill, which, as when made
     * directly, only ever reduces exposure.
     */
    default boolean needsApprovalIn(boolean environmentRequiresApproval) {
        return environmentRequiresApproval && !(this instanceof SetState(FlagState state) && state == FlagState.KILLED);
    }
}
