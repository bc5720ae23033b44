package dev.runway.slo.evaluation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param interval how often every SLO is evaluated; also the bound on how late a page can be noticed
 * @param gatewayUrl the traffic gateway's admin API ({@code TRAFFIC_GATEWAY_URL}, set by the runner)
 */
@ConfigurationProperties("runway.slo")
record EvaluationSettings(Duration interval, String gatewayUrl) {
    EvaluationSettings {
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        gatewayUrl = gatewayUrl == null || gatewayUrl.isBlank() ? "http://localhost:8086" : gatewayUrl;
    }
}
