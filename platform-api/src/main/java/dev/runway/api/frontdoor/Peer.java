package dev.runway.api.frontdoor;

/** The services behind the front door, plus the front door's own API. */
public enum Peer {
    FLAG_SERVICE("flag-service"),
    ROLLOUT_CONTROLLER("rollout-controller"),
    SLO_ENGINE("slo-engine"),
    CHAOS_SERVICE("chaos-service"),
    TRAFFIC_GATEWAY("traffic-gateway"),
    /** Answered by platform-api itself (identity, intake, audit, capability metrics). */
    PLATFORM_API("platform-api");

    private final String serviceName;

    Peer(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
