package dev.runway.slo.evaluation;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.budget.SloStatus;
import dev.runway.slo.definition.SloSpec;
import dev.runway.slo.definition.SloStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How much of an SLO's error budget each rollout spent: the bad events its canary served on the SLO's route
 * while it ran (within the SLO window), over the window's budget in events ({@code (1 - target) × events}).
 * The gateway's metrics store records each request's version, so the canary's share is exact; it records no
 * fault, so chaos experiments cannot be told apart from other failures yet and are reported as such.
 */
@Component
class BudgetAttribution {
    static final String CHAOS_NOT_RECORDED = "not attributable yet: the gateway's metrics store records the version"
            + " of each request but not the fault that hit it";

    private final SloStore slos;
    private final ObjectProvider<GatewayStoreSource> store;
    private final RolloutAborter controller;
    private final Clock clock;

    BudgetAttribution(SloStore slos, ObjectProvider<GatewayStoreSource> store, RolloutAborter controller, Clock clock) {
        this.slos = slos;
        this.store = store;
        this.controller = controller;
        this.clock = clock;
    }

    /**
     * @param rollouts null when unknown (a Prometheus SLO, or the controller or store cannot be asked)
     * @param chaosExperiments why chaos experiments have no figure
     */
    record Attribution(List<RolloutSpend> rollouts, String chaosExperiments) {}

    /** @param budgetSpent share of the SLO window's error budget; null when the window had no events */
    record RolloutSpend(
            String rollout,
            String version,
            String state,
            Instant from,
            Instant to,
            long canaryEvents,
            long canaryBadEvents,
            Double budgetSpent) {}

    Attribution of(SloStatus status) {
        var source = store.getIfAvailable();
        var slo = slos.find(status.slo());
        if (source == null || slo.isEmpty() || !source.reads(slo.get().indicator())) {
            return new Attribution(null, CHAOS_NOT_RECORDED);
        }
        Instant now = clock.instant();
        Instant windowStart = now.minus(SloEvaluator.sloWindowSoFar(slo.get(), now));
        var spans = controller.recent(status.service(), now);
        if (spans.isEmpty()) {
            return new Attribution(null, CHAOS_NOT_RECORDED);
        }
        List<RolloutSpend> spends = new ArrayList<>();
        for (RolloutAborter.RolloutSpan span : spans.get()) {
            if (!span.to().isAfter(windowStart)) {
                continue;
            }
            Instant from = span.from().isBefore(windowStart) ? windowStart : span.from();
            EventCounts canary;
            try {
                canary = source.canary(slo.get().indicator(), from, span.to(), now);
            } catch (EventSource.SourceUnavailable unavailable) {
                return new Attribution(null, CHAOS_NOT_RECORDED);
            }
            spends.add(new RolloutSpend(
                    span.id(),
                    span.version(),
                    span.state(),
                    from,
                    span.to(),
                    canary.total(),
                    canary.bad(),
                    share(canary.bad(), slo.get(), status.window())));
        }
        return new Attribution(spends, CHAOS_NOT_RECORDED);
    }

    /** {@code bad / ((1 - target) × window events)}: 1.0 is the whole window's budget. */
    static Double share(long bad, SloSpec slo, EventCounts window) {
        if (window.total() == 0) {
            return null;
        }
        return bad / ((1 - slo.target()) * window.total());
    }
}
