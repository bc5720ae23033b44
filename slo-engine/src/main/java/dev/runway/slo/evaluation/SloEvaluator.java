package dev.runway.slo.evaluation;

import dev.runway.common.actor.Actor;
import dev.runway.common.actor.AuditContext;
import dev.runway.slo.budget.AlertDecision;
import dev.runway.slo.budget.BurnRateAlert;
import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.budget.Objective;
import dev.runway.slo.budget.SloStatus;
import dev.runway.slo.definition.SloSpec;
import dev.runway.slo.definition.SloStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Evaluates every SLO each interval: counts events over the SLO's window and each alert's two windows,
 * decides the alerts, records firing and resolving once each, and publishes the status for the posture.
 */
@Component
class SloEvaluator {
    private static final Logger log = LoggerFactory.getLogger(SloEvaluator.class);

    private final SloStore slos;
    private final List<EventSource> sources;
    private final AlertLedger ledger;
    private final SloStatusBoard board;
    private final RolloutAborter rollouts;
    private final Clock clock;

    SloEvaluator(
            SloStore slos,
            List<EventSource> sources,
            AlertLedger ledger,
            SloStatusBoard board,
            RolloutAborter rollouts,
            Clock clock) {
        this.slos = slos;
        this.sources = sources;
        this.ledger = ledger;
        this.board = board;
        this.rollouts = rollouts;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${runway.slo.interval:PT10S}", initialDelayString = "${runway.slo.interval:PT10S}")
    void evaluateAll() {
        List<SloSpec> all = slos.all();
        for (SloSpec slo : all) {
            try {
                evaluate(slo);
            } catch (EventSource.SourceUnavailable unavailable) {
                // Keep the last status: fail static rather than flap postures on a metrics outage.
                log.warn("SLO {} not evaluated this cycle: {}", slo.name(), unavailable.getMessage());
            }
        }
        var names = all.stream().map(SloSpec::name).collect(java.util.stream.Collectors.toSet());
        board.all().stream()
                .filter(status -> !names.contains(status.slo()))
                .toList()
                .forEach(s -> board.forget(s.slo()));
    }

    SloStatus evaluate(SloSpec slo) {
        EventSource source = sources.stream()
                .filter(candidate -> candidate.reads(slo.indicator()))
                .findFirst()
                .orElseThrow(() -> new EventSource.SourceUnavailable(
                        "no metrics source reads " + slo.indicator().getClass().getSimpleName() + " yet", null));
        Objective objective = new Objective(slo.target(), slo.windowDuration());
        Map<Duration, EventCounts> counts = new HashMap<>();
        for (Duration window : SloStatus.alertWindows(objective.window())) {
            counts.put(window, source.count(slo.indicator(), window));
        }
        EventCounts window = source.count(slo.indicator(), sloWindowSoFar(slo));
        SloStatus status = SloStatus.evaluate(
                slo.name(), slo.service(), objective, counts, window, slo.disabledAlerts(), slo.minimumEvents());
        status.alerts().forEach(decision -> ledger.apply(slo.name(), slo.service(), decision));
        board.put(status);
        stopRolloutsOnFastBurn(slo, status);
        return status;
    }

    /**
     * While a page-tier alert fires, no canary of the service should keep taking traffic: every cycle asks the
     * controller to abort the service's active rollouts, so one started during the burn stops within a
     * cycle too. Aborting an aborting rollout is refused by the controller and ignored here.
     */
    private void stopRolloutsOnFastBurn(SloSpec slo, SloStatus status) {
        status.alerts().stream()
                .filter(d ->
                        d.state() == AlertDecision.State.FIRING && d.alert().severity() == BurnRateAlert.Severity.PAGE)
                .findFirst()
                .ifPresent(page -> {
                    var reason =
                            "SLO " + slo.name() + " page alert " + page.alert().label() + " firing: " + page.reason();
                    var aborted =
                            rollouts.abortActive(slo.service(), new AuditContext(Actor.service("slo-engine"), reason));
                    if (!aborted.isEmpty()) {
                        log.info("aborted rollouts {} of {}: {}", aborted, slo.service(), reason);
                    }
                });
    }

    /** A rolling window is its length; a calendar month runs from the first of the month (UTC) until now. */
    private Duration sloWindowSoFar(SloSpec slo) {
        if (!"1M".equals(slo.window())) {
            return slo.windowDuration();
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        Duration sinceMonthStart =
                Duration.between(now.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC), now);
        return sinceMonthStart.isZero() ? Duration.ofSeconds(1) : sinceMonthStart;
    }
}
