package dev.runway.rollouts.registry;

import dev.runway.rollouts.analysis.AnalysisTemplate;
import dev.runway.rollouts.analysis.prometheus.PrometheusSource;
import dev.runway.rollouts.analysis.web.WebSource;
import dev.runway.rollouts.strategy.StepSpec;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;

/**
 * A service the platform rolls out: who owns it, through which driver and router it is changed, and the
 * defaults its rollouts start from.
 *
 * @param routeId the route at the traffic router (the gateway's route id; the HTTPRoute's name)
 * @param stableVersion the version serving as stable now; updated on promotion and on a revert
 * @param stableUpstream for static services: the URL the stable version answers at
 * @param defaultStrategy null: the built-in strategy for the service's posture
 * @param metricsSource settings of the {@code WEB} metrics provider (null otherwise)
 * @param prometheus settings of the {@code PROMETHEUS} metrics provider (null otherwise)
 * @param rings audience ring definitions in the router's format, ring 0 (the owning team) first
 */
public record RegisteredService(
        String name,
        String team,
        DeploymentDriver deploymentDriver,
        TrafficRouter trafficRouter,
        MetricsProvider metricsProvider,
        String routeId,
        String stableVersion,
        String stableUpstream,
        List<StepSpec> defaultStrategy,
        AnalysisTemplate analysis,
        List<Object> rings,
        WebSource metricsSource,
        PrometheusSource prometheus,
        Instant createdAt) {

    /** How new versions are started and stopped. */
    public enum DeploymentDriver {
        /** Versions already run at known upstream URLs (VMs, the local demo). */
        STATIC,
        /** A canary Deployment cloned from the stable one, through the Kubernetes API. */
        KUBERNETES
    }

    /** How traffic is shifted between versions. */
    public enum TrafficRouter {
        /** The platform's own traffic-gateway. */
        GATEWAY,
        /** Kubernetes Gateway API HTTPRoute backend weights. */
        GATEWAY_API
    }

    /** Where canary analysis reads its metrics. */
    public enum MetricsProvider {
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
            MetricsProvider metricsProvider,
            String routeId,
            String stableVersion,
            String stableUpstream,
            List<StepSpec> defaultStrategy,
            AnalysisTemplate analysis,
            List<Object> rings,
            WebSource metricsSource,
            PrometheusSource prometheus) {}
}
