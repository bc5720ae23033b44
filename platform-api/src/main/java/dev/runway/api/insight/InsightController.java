package dev.runway.api.insight;

import dev.runway.api.capability.CapabilityMetrics;
import dev.runway.api.capability.CapabilityReport;
import dev.runway.api.capability.Maturity;
import dev.runway.api.frontdoor.Peer;
import dev.runway.api.frontdoor.Peers;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    InsightController(RolloutHistory history, Peers peers) {
        this.history = history;
        this.peers = peers;
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
        var deliveries = history.rollouts(service, from, context).stream()
                .map(RolloutHistory::delivery)
                .toList();
        return new Capability(
                service,
                from,
                to,
                CapabilityMetrics.compute(deliveries, days),
                "from the rollout-controller's history; budget spent on testing needs per-rollout canary error"
                        + " counts, which the controller's reports do not expose yet");
    }

    record ServiceMaturity(String service, String team, Maturity.Observations observed, Maturity.Rung rung) {}

    @GetMapping("/api/v1/maturity")
    List<ServiceMaturity> maturity(AuditContext context) {
        List<ServiceMaturity> result = new ArrayList<>();
        for (JsonNode service : peers.get(Peer.ROLLOUT_CONTROLLER, "/api/v1/services", context)) {
            result.add(of(service, context));
        }
        return result;
    }

    @GetMapping("/api/v1/maturity/{service}")
    ServiceMaturity maturity(@PathVariable String service, AuditContext context) {
        if (!service.matches("[a-z][a-z0-9-]{1,62}")) {
            throw ApiProblem.invalid("service", "is not a service name");
        }
        return of(
                peers.find(Peer.ROLLOUT_CONTROLLER, "/api/v1/services/" + service, context)
                        .orElseThrow(() -> ApiProblem.notFound("service", service)),
                context);
    }

    private ServiceMaturity of(JsonNode service, AuditContext context) {
        String name = service.path("name").asString();
        List<JsonNode> rollouts = history.rollouts(name, Instant.EPOCH, context);
        boolean analysis = rollouts.stream().anyMatch(RolloutHistory::analysisArmed);
        boolean latestArmed = !rollouts.isEmpty() && RolloutHistory.analysisArmed(rollouts.getFirst());
        var observed = new Maturity.Observations(
                !service.path("routeId").asString("").isEmpty()
                        || "PROMETHEUS".equals(service.path("metricsProvider").asString()),
                quietly(() -> peers.get(Peer.FLAG_SERVICE, "/api/v1/flags", context)).stream()
                        .flatMap(flags -> flags.valueStream())
                        .anyMatch(flag -> flag.path("key").asString("").contains(name)),
                !rollouts.isEmpty(),
                analysis,
                latestArmed,
                quietly(() -> peers.get(Peer.CHAOS_SERVICE, "/api/v1/experiments?service=" + name, context))
                        .map(experiments -> experiments.size() > 0)
                        .orElse(false),
                quietly(() -> peers.get(Peer.SLO_ENGINE, "/api/v1/slos", context)).stream()
                        .flatMap(slos -> slos.valueStream())
                        .anyMatch(slo -> name.equals(slo.path("service").asString())),
                false);
        return new ServiceMaturity(name, service.path("team").asString(null), observed, Maturity.of(observed));
    }

    /** A peer that is down or refuses counts as "not observed" rather than failing the whole ladder. */
    private static Optional<JsonNode> quietly(java.util.function.Supplier<JsonNode> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
