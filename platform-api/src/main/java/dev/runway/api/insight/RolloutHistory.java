package dev.runway.api.insight;

import dev.runway.api.capability.Delivery;
import dev.runway.api.frontdoor.Peer;
import dev.runway.api.frontdoor.Peers;
import dev.runway.common.actor.AuditContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads rollouts from the rollout-controller's API and turns each into a {@link Delivery}.
 *
 * <p>Why read the controller rather than count deployments at intake: a rollout's outcome (promoted, rolled
 * back, when and by whom) is only known to the controller, rollouts started directly at the controller or by
 * the CLI count as deployments too, and one history cannot disagree with itself.
 */
@Component
class RolloutHistory {
    private static final int LIMIT = 500;

    private final Peers peers;

    RolloutHistory(Peers peers) {
        this.peers = peers;
    }

    /** Rollouts created at or after {@code since}, newest first, with their transitions. */
    List<JsonNode> rollouts(String service, Instant since, AuditContext context) {
        String query = "/api/v1/rollouts?limit=" + LIMIT
                + (service == null ? "" : "&service=" + URLEncoder.encode(service, StandardCharsets.UTF_8));
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode summary : peers.get(Peer.ROLLOUT_CONTROLLER, query, context)) {
            Instant created = instant(summary.path("createdAt"));
            if (created == null || created.isBefore(since)) {
                continue;
            }
            peers.find(
                            Peer.ROLLOUT_CONTROLLER,
                            "/api/v1/rollouts/" + summary.path("id").asString(),
                            context)
                    .ifPresent(result::add);
        }
        return result;
    }

    /**
     * What each rollout's canary cost in error budget, from the slo-engine's attribution: per rollout id, the
     * largest share of any of the service's SLO budgets it consumed. Empty when the slo-engine is away.
     */
    java.util.Map<String, Double> budgetSpent(AuditContext context) {
        java.util.Map<String, Double> spent = new java.util.HashMap<>();
        try {
            for (JsonNode slo : peers.get(Peer.SLO_ENGINE, "/api/v1/slos", context)) {
                String name = URLEncoder.encode(slo.path("name").asString(), StandardCharsets.UTF_8);
                var status = peers.find(Peer.SLO_ENGINE, "/api/v1/slos/" + name + "/status", context);
                status.ifPresent(s -> s.path("attribution").path("rollouts").forEach(r -> {
                    if (r.path("budgetSpent").isNumber()) {
                        spent.merge(
                                r.path("rollout").asString(),
                                r.path("budgetSpent").asDouble(),
                                Math::max);
                    }
                }));
            }
        } catch (RuntimeException unavailable) {
            // no SLO data: budget spent stays unknown rather than failing the whole report
        }
        return spent;
    }

    static Delivery delivery(JsonNode rollout) {
        return delivery(rollout, java.util.Map.of());
    }

    static Delivery delivery(JsonNode rollout, java.util.Map<String, Double> budgetSpent) {
        Instant promoted = null;
        Instant decided = null;
        Instant rolledBack = null;
        for (JsonNode t : rollout.path("transitions")) {
            Instant at = instant(t.path("at"));
            switch (t.path("to").asString("")) {
                case "PROMOTED" -> promoted = promoted == null ? at : promoted;
                case "ABORTING" -> decided = at;
                case "ROLLED_BACK" -> rolledBack = at;
                default -> {}
            }
        }
        if (rolledBack != null && decided == null) {
            // a promoted release reverted in one step: the decision and the revert are one transition
            decided = rolledBack;
        }
        return new Delivery(
                rollout.path("service").asString(),
                rollout.path("version").asString(""),
                instant(rollout.path("commitTime")),
                instant(rollout.path("createdAt")),
                promoted,
                decided,
                rolledBack,
                analysisArmed(rollout),
                budgetSpent.get(rollout.path("id").asString()));
    }

    /** The strategy judges the canary and rolls back by itself when it has an analysis step. */
    static boolean analysisArmed(JsonNode rollout) {
        for (JsonNode step : rollout.path("strategy").path("steps")) {
            if ("analyze".equals(step.path("type").asString())) {
                return true;
            }
        }
        return false;
    }

    static Instant instant(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        try {
            return Instant.parse(node.asString());
        } catch (java.time.format.DateTimeParseException unreadable) {
            return null;
        }
    }
}
