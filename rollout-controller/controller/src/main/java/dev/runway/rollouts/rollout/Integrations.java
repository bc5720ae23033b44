package dev.runway.rollouts.rollout;

import dev.runway.common.actor.InternalCalls;
import dev.runway.common.config.RunwayProperties;
import dev.runway.judge.JudgeConfig;
import dev.runway.rollouts.analysis.MetricsProvider;
import dev.runway.rollouts.analysis.gateway.GatewayMetricsProvider;
import dev.runway.rollouts.analysis.prometheus.PrometheusMetricsProvider;
import dev.runway.rollouts.analysis.web.WebMetricsProvider;
import dev.runway.rollouts.deploy.DeploymentDriver;
import dev.runway.rollouts.deploy.kubernetes.KubernetesDriver;
import dev.runway.rollouts.deploy.statics.StaticDriver;
import dev.runway.rollouts.registry.RegisteredService;
import dev.runway.rollouts.traffic.TrafficRouter;
import dev.runway.rollouts.traffic.gateway.GatewayRouter;
import dev.runway.rollouts.traffic.gatewayapi.HttpRouteRouter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Picks the router, driver and metrics provider a service is registered with. Kubernetes objects live in
 * {@code runway.rollouts.kubernetes.namespace}.
 */
@Component
class Integrations {
    private final TrafficRouter gatewayRouter;
    private final MetricsProvider gatewayMetrics;
    private final DeploymentDriver staticDriver = new StaticDriver();
    private final String namespace;
    private final RestClient web = webClient();
    private volatile KubernetesClient kubernetes;

    Integrations(
            @Value("${runway.rollouts.gateway-admin-url:http://127.0.0.1:8086}") String gatewayAdminUrl,
            @Value("${runway.rollouts.kubernetes.namespace:default}") String namespace,
            RunwayProperties properties) {
        RestClient gateway = InternalCalls.client(gatewayAdminUrl, properties.internalToken(), Duration.ofSeconds(2));
        this.gatewayRouter = new GatewayRouter(gateway);
        this.gatewayMetrics = new GatewayMetricsProvider(gateway);
        this.namespace = namespace;
    }

    private static RestClient webClient() {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(Duration.ofSeconds(2));
        return RestClient.builder().requestFactory(requests).build();
    }

    /** Built on first use (kubeconfig or in-cluster account), so a controller without Kubernetes starts. */
    private KubernetesClient kubernetes() {
        KubernetesClient k = kubernetes;
        if (k == null) {
            synchronized (this) {
                if (kubernetes == null) {
                    kubernetes = new KubernetesClientBuilder().build();
                }
                k = kubernetes;
            }
        }
        return k;
    }

    TrafficRouter router(RegisteredService service) {
        return switch (service.trafficRouter()) {
            case GATEWAY -> gatewayRouter;
            case GATEWAY_API -> new HttpRouteRouter(kubernetes(), namespace);
        };
    }

    DeploymentDriver driver(RegisteredService service) {
        return switch (service.deploymentDriver()) {
            case STATIC -> staticDriver;
            case KUBERNETES -> new KubernetesDriver(kubernetes(), namespace);
        };
    }

    MetricsProvider metrics(RegisteredService service) {
        return switch (service.metricsProvider()) {
            case GATEWAY -> gatewayMetrics;
            case WEB -> new WebMetricsProvider(web, service.metricsSource());
            case PROMETHEUS -> new PrometheusMetricsProvider(web, service.prometheus());
        };
    }

    /** The judge's settings for the service: latency is judged only when the provider reports it. */
    JudgeConfig judgeConfig(RegisteredService service) {
        boolean latency =
                switch (service.metricsProvider()) {
                    case GATEWAY -> true;
                    case WEB ->
                        service.metricsSource() != null
                                && service.metricsSource().latencyCountsPath() != null;
                    case PROMETHEUS ->
                        service.prometheus() != null && service.prometheus().hasLatency();
                };
        return service.analysis().toJudgeConfig(latency);
    }
}
