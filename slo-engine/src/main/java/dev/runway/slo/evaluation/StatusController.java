package dev.runway.slo.evaluation;

import dev.runway.common.problem.ApiProblem;
import dev.runway.slo.budget.AlertDecision;
import dev.runway.slo.budget.SloStatus;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatusController {
    private final SloStatusBoard board;
    private final AlertLedger ledger;
    private final BudgetAttribution attribution;

    StatusController(SloStatusBoard board, AlertLedger ledger, BudgetAttribution attribution) {
        this.board = board;
        this.ledger = ledger;
        this.attribution = attribution;
    }

    /** Numbers are null, never NaN, when a window saw no events. */
    record StatusView(
            String slo,
            String service,
            long events,
            long badEvents,
            Double errorRatio,
            Double budgetRemaining,
            Long secondsToExhaustion,
            List<AlertView> alerts,
            BudgetAttribution.Attribution attribution) {}

    record AlertView(
            String label,
            String severity,
            double threshold,
            String state,
            Double longBurnRate,
            Double shortBurnRate,
            String reason) {}

    @GetMapping("/api/v1/slos/{name}/status")
    StatusView status(@PathVariable String name) {
        SloStatus status = board.status(name)
                .orElseThrow(() -> ApiProblem.notFound(
                        "evaluated SLO (an SLO is evaluated within one interval of its creation)", name));
        return new StatusView(
                status.slo(),
                status.service(),
                status.window().total(),
                status.window().bad(),
                boxed(status.errorRatio()),
                boxed(status.budgetRemaining()),
                status.timeToExhaustion().map(java.time.Duration::toSeconds).orElse(null),
                status.alerts().stream().map(StatusController::view).toList(),
                attribution.of(status));
    }

    @GetMapping("/api/v1/alerts")
    List<AlertLedger.AlertRecord> alerts(
            @RequestParam(required = false) String slo, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid("limit", "must be between 1 and 1000");
        }
        return ledger.recent(slo, limit);
    }

    private static AlertView view(AlertDecision decision) {
        return new AlertView(
                decision.alert().label(),
                decision.alert().severity().name(),
                decision.alert().burnRate(),
                decision.state().name(),
                boxed(decision.longBurnRate()),
                boxed(decision.shortBurnRate()),
                decision.reason());
    }

    private static Double boxed(java.util.OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
