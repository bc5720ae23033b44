package dev.runway.api.insight;

import dev.runway.api.capability.CapabilityMetrics;
import dev.runway.api.capability.CapabilityReport;
import dev.runway.api.frontdoor.Peer;
import dev.runway.api.frontdoor.Peers;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** DORA and testing-in-production figures, and each service's rung on the maturity ladder. */
@RestController
class InsightController {
    private final RolloutHistory history;
    private final Peers peers;
    private final MaturityObserver observer;

    InsightController(RolloutHistory history, Peers peers, MaturityObserver observer) {
        this.history = history;
        this.peers = peers;
        this.observer = observer;
    }

    record Capability(String service, Instant from, Instant to, CapabilityReport figures, String notes) {}

    @GetMapping("/api/v1/capability")
    Capability capability(
            @RequestParam(required = false) String service,
            @RequestParam(defaultValue = "30") int days,
            AuditContext context) {
        if (days < 1 || days > 365) {
            throw ApiProblem.invalid("days", "must be between 1 and 365");
        }
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(days));
        var spent = history.budgetSpent(context);
        var deliveries = history.rollouts(service, from, context).stream()
                .map(rollout -> RolloutHistory.delivery(rollout, spent))
                .toList();
        return new Capability(
                service,
                from,
                to,
                CapabilityMetrics.compute(deliveries, days),
                "rollouts from the rollout-controller's history; budget spent on testing from the slo-engine's"
                        + " attribution of each SLO's bad events to the canaries live at the time (the largest"
                        + " share of any one SLO's budget per rollout, summed)");
    }

    @GetMapping("/api/v1/maturity")
    List<MaturityObserver.ServiceMaturity> maturity(AuditContext context) {
        List<MaturityObserver.ServiceMaturity> result = new ArrayList<>();
        for (JsonNode service : peers.get(Peer.ROLLOUT_CONTROLLER, "/api/v1/services", context)) {
            result.add(observer.observe(service, context));
        }
        return result;
    }

    @GetMapping("/api/v1/maturity/{service}")
    MaturityObserver.ServiceMaturity maturity(@PathVariable String service, AuditContext context) {
        if (!service.matches("[a-z][a-z0-9-]{1,62}")) {
            throw ApiProblem.invalid("service", "is not a service name");
        }
        return observer.observe(
                peers.find(Peer.ROLLOUT_CONTROLLER, "/api/v1/services/" + service, context)
                        .orElseThrow(() -> ApiProblem.notFound("service", service)),
                context);
    }
}
