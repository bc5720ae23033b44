package dev.runway.slo.evaluation;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.actor.InternalCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * Stops the rollouts of a service whose SLO is burning fast. The rollout-controller owns rollouts; this only
 * asks it, through its API, to abort every active one with the alert as the reason.
 */
class RolloutAborter {
    private static final Logger log = LoggerFactory.getLogger(RolloutAborter.class);
    /** States in which a canary may be taking traffic. */
    static final List<String> ACTIVE = List.of("PENDING", "PROGRESSING", "PAUSED");

    private final RestClient controller;

    RolloutAborter(String controllerUrl, String internalToken) {
        this.controller = InternalCalls.client(controllerUrl, internalToken, Duration.ofSeconds(5));
    }

    /** Aborts every active rollout of the service; returns the ids asked to abort. Never throws. */
    List<String> abortActive(String service, AuditContext context) {
        List<String> aborted = new ArrayList<>();
        for (String state : ACTIVE) {
            try {
                JsonNode rollouts = controller
                        .get()
                        .uri("/api/v1/rollouts?service={service}&state={state}", service, state)
                        .retrieve()
                        .body(JsonNode.class);
                for (JsonNode rollout : rollouts == null ? List.<JsonNode>of() : iterable(rollouts)) {
                    String id = rollout.path("id").asString();
                    try {
                        controller
                                .post()
                                .uri("/api/v1/rollouts/{id}/abort", id)
                                .headers(h -> context.writeHeaders(h::add))
                                .body(java.util.Map.of("reason", context.reason()))
                                .retrieve()
                                .toBodilessEntity();
                        aborted.add(id);
                    } catch (RestClientResponseException refused) {
                        // 409: it is already aborting or done; someone else got there first.
                        if (refused.getStatusCode().value() != 409) {
                            log.warn("abort of rollout {} refused: {}", id, refused.getMessage());
                        }
                    }
                }
            } catch (RestClientException unreachable) {
                log.warn(
                        "cannot reach the rollout-controller to stop {}'s rollouts: {}",
                        service,
                        unreachable.getMessage());
            }
        }
        return aborted;
    }

    /** A rollout as the attribution needs it: which version, and from when until when it had a canary. */
    record RolloutSpan(String id, String version, String state, java.time.Instant from, java.time.Instant to) {}

    static final List<String> FINISHED = List.of("PROMOTED", "ROLLED_BACK", "FAILED");

    /**
     * The service's recent rollouts, newest first; a finished one ends at its last update, an unfinished one
     * now. Empty when the controller cannot be asked (attribution is then shown as unknown, not as zero).
     */
    java.util.Optional<List<RolloutSpan>> recent(String service, java.time.Instant now) {
        try {
            JsonNode rollouts = controller
                    .get()
                    .uri("/api/v1/rollouts?service={service}&limit=100", service)
                    .retrieve()
                    .body(JsonNode.class);
            List<RolloutSpan> spans = new ArrayList<>();
            for (JsonNode r : rollouts == null ? List.<JsonNode>of() : iterable(rollouts)) {
                String state = r.path("state").asString();
                java.time.Instant from =
                        java.time.Instant.parse(r.path("createdAt").asString());
                java.time.Instant to = FINISHED.contains(state)
                        ? java.time.Instant.parse(r.path("updatedAt").asString())
                        : now;
                spans.add(new RolloutSpan(
                        r.path("id").asString(), r.path("version").asString(), state, from, to));
            }
            return java.util.Optional.of(spans);
        } catch (RestClientException | java.time.format.DateTimeParseException unreachable) {
            log.warn("cannot read {}'s rollouts for attribution: {}", service, unreachable.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode rollouts) {
        JsonNode items = rollouts.isArray() ? rollouts : rollouts.path("items");
        return items::iterator;
    }
}
