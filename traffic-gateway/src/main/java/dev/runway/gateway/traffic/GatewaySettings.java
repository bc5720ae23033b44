package dev.runway.gateway.traffic;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings. The admin API and actuator answer on {@code server.port}; user traffic on
 * {@code trafficPort}, so that no request from the outside can reach the admin API by its path.
 *
 * @param trafficPort where user traffic is accepted (0 picks a free port, for tests)
 * @param trafficHost the address the traffic port binds to
 */
@Validated
@ConfigurationProperties("runway.gateway")
record GatewaySettings(@Min(0) @Max(65535) int trafficPort, String trafficHost) {
    GatewaySettings {
        trafficHost = trafficHost == null || trafficHost.isBlank() ? "0.0.0.0" : trafficHost;
    }
}
