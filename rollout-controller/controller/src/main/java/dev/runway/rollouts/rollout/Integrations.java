package dev.runway.rollouts.rollout;

import dev.runway.common.actor.InternalCalls;
import dev.runway.common.config.RunwayProperties;
import dev.runway.rollouts.analysis.MetricsProvider;
import dev.runway.rollouts.analysis.gateway.GatewayMetricsProvider;
import dev.runway.rollouts.deploy.DeploymentDriver;
import dev.runway.rollouts.deploy.statics.StaticDriver;
import dev.runway.rollouts.registry.RegisteredService;
import dev.runway.rollouts.traffic.TrafficRouter;
import dev.runway.rollouts.traffic.gateway.GatewayRouter;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Picks the router, driver and metrics provider a service is registered with. Implementations not built
 * yet (Kubernetes, Gateway API, Prometheus, web) fail loudly with the reason, and the rollout waits.
 */
@Component
class Integrations {
    private final TrafficRouter gatewayRouter;
    private final MetricsProvider gatewayMetrics;
    private final DeploymentDriver staticDriver = new StaticDriver();

    Integrations(
            @Value("${runway.rollouts.gateway-admin-url:http://127.0.0.1:8086}") String gatewayAdminUrl,
            RunwayProperties properties) {
        RestClient gateway = InternalCalls.client(gatewayAdminUrl, properties.internalToken(), Duration.ofSeconds(2));
        this.gatewayRouter = new GatewayRouter(gateway);
        this.gatewayMetrics = new GatewayMetricsProvider(gateway);
    }

    TrafficRouter router(RegisteredService service) {
        return switch (service.trafficRouter()) {
            case GATEWAY -> gatewayRouter;
            case GATEWAY_API -> throw new UnsupportedOperationException("the Gateway API router is not built yet");
        };
    }

    DeploymentDriver driver(RegisteredService service) {
        return switch (service.deploymentDriver()) {
            case STATIC -> staticDriver;
            case KUBERNETES -> throw new UnsupportedOperationException("the Kubernetes driver is not built yet");
        };
    }

    MetricsProvider metrics(RegisteredService service) {
        return switch (service.metricsProvider()) {
            case GATEWAY -> gatewayMetrics;
            case PROMETHEUS, WEB ->
                throw new UnsupportedOperationException(service.metricsProvider() + " metrics are not built yet");
        };
    }
}
