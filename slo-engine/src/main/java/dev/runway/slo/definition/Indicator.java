package dev.runway.slo.definition;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What an SLO counts as good and as total. A closed set: each kind is one way of reading events from a
 * metrics source the engine knows how to query.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Indicator.GatewayAvailability.class, name = "gateway-availability"),
    @JsonSubTypes.Type(value = Indicator.GatewayLatency.class, name = "gateway-latency"),
    @JsonSubTypes.Type(value = Indicator.PrometheusRatio.class, name = "prometheus-ratio"),
    @JsonSubTypes.Type(value = Indicator.Probe.class, name = "probe")
})
public sealed interface Indicator {
    /** Requests through a gateway route that were not answered with a server error, over all of them. */
    public record GatewayAvailability(String route) implements Indicator {}

    /** Requests through a gateway route answered within {@code thresholdMs}, over all of them. */
    public record GatewayLatency(String route, Double thresholdMs) implements Indicator {}

    /** Two PromQL counters: exactly one of {@code good} and {@code bad}, and {@code total}. */
    public record PrometheusRatio(String good, String bad, String total) implements Indicator {}

    /** Runs of a synthetic probe that passed every step, over all runs. */
    public record Probe(String probe) implements Indicator {}
}
