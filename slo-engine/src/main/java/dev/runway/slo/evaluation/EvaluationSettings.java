package dev.runway.slo.evaluation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param interval how often every SLO is evaluated; also the bound on how late a page can be noticed
 * @param gatewaySchema the schema of the traffic gateway's metrics store, read directly ({@code traffic})
 * @param rolloutControllerUrl where fast burns abort rollouts ({@code ROLLOUT_CONTROLLER_URL})
 * @param prometheusUrl a Prometheus server for SLOs with Prometheus indicators; none by default
 */
@ConfigurationProperties("runway.slo")
record EvaluationSettings(Duration interval, String gatewaySchema, String rolloutControllerUrl, String prometheusUrl) {
    EvaluationSettings {
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        gatewaySchema = gatewaySchema == null || gatewaySchema.isBlank() ? "traffic" : gatewaySchema;
        rolloutControllerUrl = rolloutControllerUrl == null || rolloutControllerUrl.isBlank()
                ? "http://localhost:8082"
                : rolloutControllerUrl;
    }
}
