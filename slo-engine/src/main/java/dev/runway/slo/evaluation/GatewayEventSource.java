package dev.runway.slo.evaluation;

import dev.runway.common.actor.InternalCalls;
import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.time.Duration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * Counts events from the traffic gateway's built-in metrics store, through its query API: all versions of a
 * route together, since an SLO is about what users got, whichever version served them.
 *
 * <p>Latency: a request is good when it fell in a histogram bucket whose upper bound is at or below the
 * threshold. A threshold between two bounds is rounded down to the lower bound, so requests between them
 * count as slow: the SLO errs towards reporting a problem, never towards hiding one.
 */
final class GatewayEventSource implements EventSource {
    private final RestClient gateway;

    GatewayEventSource(String gatewayAdminUrl, String internalToken) {
        this.gateway = InternalCalls.client(gatewayAdminUrl, internalToken, Duration.ofSeconds(10));
    }

    @Override
    public boolean reads(Indicator indicator) {
        return indicator instanceof Indicator.GatewayAvailability || indicator instanceof Indicator.GatewayLatency;
    }

    @Override
    public EventCounts count(Indicator indicator, Duration window) {
        return switch (indicator) {
            case Indicator.GatewayAvailability availability -> {
                JsonNode versions = query(availability.route(), window).path("versions");
                long total = 0;
                long bad = 0;
                for (JsonNode version : versions) {
                    total += version.path("requests").asLong();
                    bad += version.path("serverErrors").asLong();
                }
                yield new EventCounts(total, bad);
            }
            case Indicator.GatewayLatency latency -> {
                JsonNode answer = query(latency.route(), window);
                JsonNode bounds = answer.path("boundsMs");
                long total = 0;
                long good = 0;
                for (JsonNode version : answer.path("versions")) {
                    JsonNode counts = version.path("latencyCounts");
                    for (int i = 0; i < counts.size(); i++) {
                        long n = counts.get(i).asLong();
                        total += n;
                        if (i < bounds.size() && bounds.get(i).asDouble() <= latency.thresholdMs()) {
                            good += n;
                        }
                    }
                }
                yield EventCounts.ofGood(total, good);
            }
            case Indicator.PrometheusRatio ratio -> throw new IllegalArgumentException("not a gateway indicator");
        };
    }

    private JsonNode query(String route, Duration window) {
        try {
            JsonNode answer = gateway.get()
                    .uri("/api/v1/routes/{route}/metrics?window={window}", route, window.toString())
                    .retrieve()
                    .body(JsonNode.class);
            if (answer == null) {
                throw new SourceUnavailable("the gateway answered with no body", null);
            }
            return answer;
        } catch (RestClientException failure) {
            throw new SourceUnavailable("the gateway's metrics API failed: " + failure.getMessage(), failure);
        }
    }
}
