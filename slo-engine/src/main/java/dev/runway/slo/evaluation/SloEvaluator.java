package dev.runway.slo.evaluation;

import dev.runway.common.actor.Actor;
import dev.runway.common.actor.AuditContext;
import dev.runway.slo.budget.AlertDecision;
import dev.runway.slo.budget.AlertTransition;
import dev.runway.slo.budget.BurnRateAlert;
import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.budget.Objective;
import dev.runway.slo.budget.SloStatus;
import dev.runway.slo.definition.Indicator;
import dev.runway.slo.definition.SloSpec;
import dev.runway.slo.definition.SloStore;
import dev.runway.slo.notify.AlertEvent;
import dev.runway.slo.notify.AlertNotifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evaluates every SLO each interval: each source reads the events of all its SLOs' windows at once, then per
 * SLO the budget and the alerts are decided (plain Java), firing and resolving are recorded once each, the
 * board is published whole for the posture, and fast burns stop the service's rollouts.
 */
@Component
class SloEvaluator {
    private static final Logger log = LoggerFactory.getLogger(SloEvaluator.class);

    private final SloStore slos;
    private final List<EventSource> sources;
    private final AlertLedger ledger;
    private final SloStatusBoard board;
    private final RolloutAborter rollouts;
    private final AlertNotifier notifier;
    private final Clock clock;

    SloEvaluator(
            SloStore slos,
            List<EventSource> sources,
            AlertLedger ledger,
            SloStatusBoard board,
            RolloutAborter rollouts,
            AlertNotifier notifier,
            Clock clock) {
        this.slos = slos;
        this.sources = sources;
        this.ledger = ledger;
        this.board = board;
        this.rollouts = rollouts;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** What one cycle did, for logs and the benchmark. */
    record Cycle(int slos, int evaluated, int transitions, int services) {}

    // Until the first cycle has published, every posture reads TIGHTEN (see PolicyController#posture).
    @Scheduled(fixedDelayString = "${runway.slo.interval:PT10S}", initialDelayString = "${runway.slo.interval:PT10S}")
    void scheduled() {
        evaluateAll();
    }

    Cycle evaluateAll() {
        Instant now = clock.instant();
        List<SloSpec> all = slos.all();
        Map<SloSpec, EventSource.Reading> readings = read(all, now);
        Map<String, Set<String>> firing = ledger.firing();
        List<SloStatus> fresh = new ArrayList<>(readings.size());
        List<AlertLedger.Change> changes = new ArrayList<>();
        for (var entry : readings.entrySet()) {
            SloSpec slo = entry.getKey();
            SloStatus status;
            try {
                status = evaluate(slo, entry.getValue(), now);
            } catch (EventSource.SourceUnavailable unavailable) {
                // Keep the last status: fail static rather than flap postures on a metrics outage.
                log.warn("SLO {} not evaluated this cycle: {}", slo.name(), unavailable.getMessage());
                continue;
            }
            fresh.add(status);
            Set<String> open = firing.getOrDefault(slo.name(), Set.of());
            for (AlertDecision decision : status.alerts()) {
                AlertTransition transition =
                        AlertTransition.next(open.contains(decision.alert().label()), decision.state());
                if (transition != AlertTransition.NONE) {
                    changes.add(new AlertLedger.Change(slo.name(), slo.service(), decision, transition));
                }
            }
        }
        // recorded together: opening 1,717 alerts one statement each took seconds
        List<AlertEvent> events = new ArrayList<>();
        for (AlertLedger.Change done : ledger.recordAll(changes)) {
            events.add(AlertEvent.of(done.slo(), done.service(), done.decision(), done.transition(), now));
        }
        Set<String> names = new HashSet<>();
        all.forEach(slo -> names.add(slo.name()));
        firing.keySet().stream()
                .filter(slo -> !names.contains(slo))
                .forEach(gone -> ledger.resolveAllOf(gone, "the SLO was deleted"));
        board.publish(fresh, names);
        stopRolloutsOnFastBurn(fresh);
        notifier.notify(events);
        return new Cycle(
                all.size(), fresh.size(), events.size(), board.services().size());
    }

    /** Groups the SLOs by source and lets each source read all of its SLOs' windows at once. */
    private Map<SloSpec, EventSource.Reading> read(List<SloSpec> all, Instant now) {
        Map<EventSource, List<SloSpec>> bySource = new LinkedHashMap<>();
        for (SloSpec slo : all) {
            sources.stream()
                    .filter(candidate -> candidate.reads(slo.indicator()))
                    .findFirst()
                    .ifPresentOrElse(
                            source -> bySource.computeIfAbsent(source, s -> new ArrayList<>())
                                    .add(slo),
                            () -> log.warn(
                                    "SLO {} not evaluated: no metrics source reads {}",
                                    slo.name(),
                                    slo.indicator().getClass().getSimpleName()));
        }
        Map<SloSpec, EventSource.Reading> readings = new HashMap<>();
        bySource.forEach((source, specs) -> {
            Set<Duration> windows = new HashSet<>();
            List<Indicator> indicators = new ArrayList<>(specs.size());
            List<SloSpec> occurrences = new ArrayList<>(specs.size());
            for (SloSpec slo : specs) {
                if (slo.budgeting() == SloSpec.Budgeting.TIMESLICES) {
                    readings.put(slo, timeslices(source, slo, now));
                    continue;
                }
                occurrences.add(slo);
                windows.addAll(windowsOf(slo, now));
                indicators.add(slo.indicator());
            }
            if (occurrences.isEmpty()) {
                return;
            }
            try {
                EventSource.Reading reading = source.read(indicators, windows, now);
                occurrences.forEach(slo -> readings.put(slo, reading));
            } catch (EventSource.SourceUnavailable unavailable) {
                log.warn("{} SLOs not evaluated this cycle: {}", occurrences.size(), unavailable.getMessage());
            }
        });
        return readings;
    }

    private static Set<Duration> windowsOf(SloSpec slo, Instant now) {
        Set<Duration> windows = new HashSet<>(SloStatus.alertWindows(slo.windowDuration()));
        windows.add(sloWindowSoFar(slo, now));
        return windows;
    }

    /** Slices are counted per SLO, on first use, so that a failure skips only that SLO. */
    private static EventSource.Reading timeslices(EventSource source, SloSpec slo, Instant now) {
        Duration slice = "5m".equals(slo.timeSliceWindow()) ? Duration.ofMinutes(5) : Duration.ofMinutes(1);
        EventSource.Reading[] read = new EventSource.Reading[1];
        return (indicator, window) -> {
            if (read[0] == null) {
                read[0] = source.timeslices(indicator, slice, slo.timeSliceTarget(), windowsOf(slo, now), now);
            }
            return read[0].count(indicator, window);
        };
    }

    private SloStatus evaluate(SloSpec slo, EventSource.Reading reading, Instant now) {
        Objective objective = new Objective(slo.target(), slo.windowDuration());
        Map<Duration, EventCounts> counts = new HashMap<>();
        for (Duration window : SloStatus.alertWindows(objective.window())) {
            counts.put(window, reading.count(slo.indicator(), window));
        }
        EventCounts window = reading.count(slo.indicator(), sloWindowSoFar(slo, now));
        // A slice is judged on its own events already; counting slices against an event minimum would silence
        // a short window's alerts for ever (a 1 h window holds 60 one-minute slices).
        long minimum = slo.budgeting() == SloSpec.Budgeting.TIMESLICES ? 1 : slo.minimumEvents();
        return SloStatus.evaluate(slo.name(), slo.service(), objective, counts, window, slo.disabledAlerts(), minimum);
    }

    /**
     * While a page-tier alert fires, no canary of the service should keep taking traffic: every cycle asks the
     * controller to abort the service's active rollouts, so one started during the burn stops within a
     * cycle too. Aborting an aborting rollout is refused by the controller and ignored here. One request per
     * service, however many of its SLOs page.
     */
    private void stopRolloutsOnFastBurn(List<SloStatus> statuses) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (SloStatus status : statuses) {
            status.alerts().stream()
                    .filter(d -> d.state() == AlertDecision.State.FIRING
                            && d.alert().severity() == BurnRateAlert.Severity.PAGE)
                    .findFirst()
                    .ifPresent(page -> reasons.putIfAbsent(
                            status.service(),
                            "SLO " + status.slo() + " page alert "
                                    + page.alert().label() + " firing: " + page.reason()));
        }
        reasons.forEach((service, reason) -> {
            var aborted = rollouts.abortActive(service, new AuditContext(Actor.service("slo-engine"), reason));
            if (!aborted.isEmpty()) {
                log.info("aborted rollouts {} of {}: {}", aborted, service, reason);
            }
        });
    }

    /** A rolling window is its length; a calendar month runs from the first of the month (UTC) until now. */
    static Duration sloWindowSoFar(SloSpec slo, Instant now) {
        if (!"1M".equals(slo.window())) {
            return slo.windowDuration();
        }
        ZonedDateTime at = now.atZone(ZoneOffset.UTC);
        Duration sinceMonthStart =
                Duration.between(at.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC), at);
        return sinceMonthStart.isZero() ? Duration.ofSeconds(1) : sinceMonthStart;
    }
}
