package dev.runway.slo.evaluation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param interval how often every SLO is evaluated; also the bound on how late a page can be noticed
 * @param gatewayUrl the traffic gateway's admin API ({@code TRAFFIC_GATEWAY_URL}, set by the runner)
 * @param rolloutControllerUrl where fast burns abort rollouts ({@code ROLLOUT_CONTROLLER_URL})
 * @param prometheusUrl a Prometheus server for SLOs with Prometheus indicators; none by default
 */
@ConfigurationProperties("runway.slo")
record EvaluationSettings(Duration interval, String gatewayUrl, String rolloutControllerUrl, String prometheusUrl) {
    EvaluationSettings {
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        gatewayUrl = gatewayUrl == null || gatewayUrl.isBlank() ? "http://localhost:8086" : gatewayUrl;
        rolloutControllerUrl = rolloutControllerUrl == null || rolloutControllerUrl.isBlank()
                ? "http://localhost:8082"
                : rolloutControllerUrl;
    }
}
