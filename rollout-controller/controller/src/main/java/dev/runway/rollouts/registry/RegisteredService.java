package dev.runway.rollouts.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** A service the platform rolls out: who owns it and through which driver and router it is changed. */
record RegisteredService(
        String name,
        String team,
        DeploymentDriver deploymentDriver,
        TrafficRouter trafficRouter,
        MetricsProvider metricsProvider,
        Instant createdAt) {

    /** How new versions are started and stopped. */
    enum DeploymentDriver {
        /** Versions already run at known upstream URLs (VMs, the local demo). */
        STATIC,
        /** A canary Deployment cloned from the stable one, through the Kubernetes API. */
        KUBERNETES
    }

    /** How traffic is shifted between versions. */
    enum TrafficRouter {
        /** The platform's own traffic-gateway. */
        GATEWAY,
        /** Kubernetes Gateway API HTTPRoute backend weights. */
        GATEWAY_API
    }

    /** Where canary analysis reads its metrics. */
    enum MetricsProvider {
        GATEWAY,
        PROMETHEUS,
        WEB
    }

    record Register(
            @NotBlank
            @Pattern(
                    regexp = "[a-z][a-z0-9-]{1,62}",
                    message = "must be 2-63 lowercase letters, digits or '-', starting with a letter")
            String name,

            @NotBlank String team,
            @NotNull DeploymentDriver deploymentDriver,
            TrafficRouter trafficRouter,
            MetricsProvider metricsProvider) {}
}
