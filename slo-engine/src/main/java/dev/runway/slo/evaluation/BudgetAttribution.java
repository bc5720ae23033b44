package dev.runway.slo.evaluation;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.budget.SloStatus;
import dev.runway.slo.definition.Indicator;
import dev.runway.slo.definition.SloSpec;
import dev.runway.slo.definition.SloStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How much of an SLO's error budget each rollout and each chaos experiment spent, over the SLO window's budget in
 * events ({@code (1 - target) × events}):
 *
 * <ul>
 *   <li>a rollout: the bad events its canary served on the SLO's route while it ran. The store records each
 *       request's version, and rollouts take turns on a route, so the canary's share is exact;
 *   <li>a chaos experiment: the bad events among the requests its faults hit. The gateway records which fault hit
 *       a request, and each fault carries the experiment that installed it (the store's fault dimension).
 * </ul>
 *
 * <p>The two can overlap (a fault that hits the canary during a rollout) and neither covers the rest of the bad
 * events, so they are shown side by side, never summed into a whole. A part that cannot be known is null, with the
 * reason in {@code unknown}, and never shown as zero.
 */
@Component
class BudgetAttribution {
    private final SloStore slos;
    private final ObjectProvider<GatewayStoreSource> store;
    private final ObjectProvider<FaultMetricsReader> faults;
    private final RolloutAborter controller;
    private final Clock clock;

    BudgetAttribution(
            SloStore slos,
            ObjectProvider<GatewayStoreSource> store,
            ObjectProvider<FaultMetricsReader> faults,
            RolloutAborter controller,
            Clock clock) {
        this.slos = slos;
        this.store = store;
        this.faults = faults;
        this.controller = controller;
        this.clock = clock;
    }

    /**
     * @param rollouts null when unknown (the controller or the store cannot be asked)
     * @param chaosExperiments null when unknown (the store cannot be asked, or has no fault dimension)
     * @param unknown why a part is null or has no budget share, or null when nothing is missing
     */
    record Attribution(List<RolloutSpend> rollouts, List<ExperimentSpend> chaosExperiments, String unknown) {}

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

    /**
     * One chaos experiment's faults on the SLO's route within the window.
     *
     * @param experiment the experiment's label; null for a fault installed without one (then {@code faults} holds
     *     that one fault)
     * @param from start of the first bucket a fault hit; {@code to} the end of the last one
     * @param budgetSpent share of the SLO window's error budget; null when the window had no events
     */
    record ExperimentSpend(
            String experiment,
            List<String> faults,
            Instant from,
            Instant to,
            long events,
            long badEvents,
            Double budgetSpent) {}

    Attribution of(SloStatus status) {
        var source = store.getIfAvailable();
        var slo = slos.find(status.slo());
        if (slo.isEmpty()) {
            return new Attribution(null, null, "the SLO no longer exists");
        }
        if (source == null || !source.reads(slo.get().indicator())) {
            return new Attribution(
                    null,
                    null,
                    "only SLOs on the gateway's metrics store are attributed: it alone records each request's"
                            + " version and the fault that hit it");
        }
        Instant now = clock.instant();
        Duration window = SloEvaluator.sloWindowSoFar(slo.get(), now);
        List<String> unknown = new ArrayList<>();
        if (slo.get().budgeting() == SloSpec.Budgeting.TIMESLICES) {
            unknown.add("the budget of a time-slice SLO is counted in slices, not events: events are shown without a"
                    + " share");
        }
        List<RolloutSpend> rollouts = rollouts(source, slo.get(), status, now.minus(window), now, unknown);
        List<ExperimentSpend> experiments = experiments(source, slo.get(), status, window, now, unknown);
        return new Attribution(rollouts, experiments, unknown.isEmpty() ? null : String.join("; ", unknown));
    }

    private List<RolloutSpend> rollouts(
            GatewayStoreSource source,
            SloSpec slo,
            SloStatus status,
            Instant windowStart,
            Instant now,
            List<String> unknown) {
        var spans = controller.recent(status.service(), now);
        if (spans.isEmpty()) {
            unknown.add("rollouts: the rollout-controller cannot be asked");
            return null;
        }
        List<RolloutSpend> spends = new ArrayList<>();
        for (RolloutAborter.RolloutSpan span : spans.get()) {
            if (!span.to().isAfter(windowStart)) {
                continue;
            }
            Instant from = span.from().isBefore(windowStart) ? windowStart : span.from();
            EventCounts canary;
            try {
                canary = source.canary(slo.indicator(), from, span.to(), now);
            } catch (EventSource.SourceUnavailable unavailable) {
                unknown.add("rollouts: " + unavailable.getMessage());
                return null;
            }
            spends.add(new RolloutSpend(
                    span.id(),
                    span.version(),
                    span.state(),
                    from,
                    span.to(),
                    canary.total(),
                    canary.bad(),
                    share(canary.bad(), slo, status.window())));
        }
        return spends;
    }

    private List<ExperimentSpend> experiments(
            GatewayStoreSource source,
            SloSpec slo,
            SloStatus status,
            Duration window,
            Instant now,
            List<String> unknown) {
        FaultMetricsReader reader = faults.getIfAvailable();
        if (reader == null) {
            unknown.add("chaos experiments: the gateway store is not read by this engine");
            return null;
        }
        StorePlan plan = StorePlan.at(now);
        List<FaultMetricsReader.FaultHits> hits;
        try {
            int goodBuckets = slo.indicator() instanceof Indicator.GatewayLatency latency
                    ? GatewayStoreSource.goodBuckets(source.bounds(), latency.thresholdMs())
                    : -1;
            hits = reader.hits(slo.indicator(), goodBuckets, plan, plan.alignedStart(window));
        } catch (EventSource.SourceUnavailable unavailable) {
            unknown.add("chaos experiments: " + unavailable.getMessage());
            return null;
        }
        // one entry per experiment (its faults together), and one per fault installed without an experiment
        Map<String, List<FaultMetricsReader.FaultHits>> grouped = new LinkedHashMap<>();
        for (FaultMetricsReader.FaultHits hit : hits) {
            String key = hit.experiment() != null ? "experiment:" + hit.experiment() : "fault:" + hit.faultId();
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(hit);
        }
        List<ExperimentSpend> spends = new ArrayList<>();
        for (List<FaultMetricsReader.FaultHits> group : grouped.values()) {
            long events = 0;
            long bad = 0;
            Instant from = null;
            Instant to = null;
            List<String> faultIds = new ArrayList<>();
            for (FaultMetricsReader.FaultHits hit : group) {
                events += hit.events();
                bad += hit.bad();
                from = from == null || hit.firstHit().isBefore(from) ? hit.firstHit() : from;
                to = to == null || hit.lastHit().isAfter(to) ? hit.lastHit() : to;
                faultIds.add(hit.faultId());
            }
            spends.add(new ExperimentSpend(
                    group.getFirst().experiment(),
                    List.copyOf(faultIds),
                    from,
                    to,
                    events,
                    bad,
                    share(bad, slo, status.window())));
        }
        return spends;
    }

    /**
     * {@code bad / ((1 - target) × window events)}: 1.0 is the whole window's budget. Null without events, and
     * for a time-slice SLO, whose budget is not counted in events.
     */
    static Double share(long bad, SloSpec slo, EventCounts window) {
        if (window.total() == 0 || slo.budgeting() == SloSpec.Budgeting.TIMESLICES) {
            return null;
        }
        return bad / ((1 - slo.target()) * window.total());
    }
}
