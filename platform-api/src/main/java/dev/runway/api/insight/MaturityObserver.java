package dev.runway.api.insight;

import dev.runway.api.capability.Maturity;
import dev.runway.api.frontdoor.Peer;
import dev.runway.api.frontdoor.Peers;
import dev.runway.common.actor.AuditContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Gathers what the platform observes of a service from the services' APIs and places it on the ladder. */
@Component
public class MaturityObserver {
    private final RolloutHistory history;
    private final Peers peers;

    MaturityObserver(RolloutHistory history, Peers peers) {
        this.history = history;
        this.peers = peers;
    }

    public record ServiceMaturity(String service, String team, Maturity.Observations observed, Maturity.Rung rung) {}

    /** @param service the service as the rollout-controller's registry describes it */
    public ServiceMaturity observe(JsonNode service, AuditContext context) {
        String name = service.path("name").asString();
        List<JsonNode> rollouts =
                quietly(() -> history.rollouts(name, Instant.EPOCH, context)).orElse(List.of());
        boolean analysis = rollouts.stream().anyMatch(RolloutHistory::analysisArmed);
        boolean latestArmed = !rollouts.isEmpty() && RolloutHistory.analysisArmed(rollouts.getFirst());
        var observed = new Maturity.Observations(
                // the gateway tags every request metric by version; Prometheus services tag their own
                !service.path("routeId").asString("").isEmpty()
                        || "PROMETHEUS".equals(service.path("metricsProvider").asString()),
                // a flag counts for the service that owns it
                quietly(() -> peers.get(Peer.FLAG_SERVICE, "/api/v1/flags?service=" + name, context))
                        .map(flags -> flags.isArray() && !flags.isEmpty())
                        .orElse(false),
                !rollouts.isEmpty(),
                analysis,
                latestArmed,
                // the chaos-service has no experiments yet: an empty answer or none is "not observed"
                quietly(() -> peers.get(Peer.CHAOS_SERVICE, "/api/v1/experiments?service=" + name, context))
                        .map(experiments -> experiments.isArray() && !experiments.isEmpty())
                        .orElse(false),
                quietly(() -> peers.get(Peer.SLO_ENGINE, "/api/v1/slos", context)).stream()
                        .flatMap(JsonNode::valueStream)
                        .anyMatch(slo -> name.equals(slo.path("service").asString())),
                false);
        return new ServiceMaturity(name, service.path("team").asString(null), observed, Maturity.of(observed));
    }

    /** A peer that is down or refuses counts as "not observed" rather than failing the whole ladder. */
    private static <T> Optional<T> quietly(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
