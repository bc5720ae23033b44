package dev.runway.slo.probe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether this replica runs probes (true)
 * @param tick how often due probes are looked for (1 s)
 * @param gatewayUrl the gateway's traffic port, for journeys with {@code viaGateway} ({@code GATEWAY_TRAFFIC_URL}, as the runner names it)
 * @param concurrency journeys run at once (4)
 * @param secretsDir a directory of files named after the secrets probes reference (optional)
 */
@ConfigurationProperties("runway.slo.probes")
record ProbeSettings(Boolean enabled, Duration tick, String gatewayUrl, Integer concurrency, String secretsDir) {
    ProbeSettings {
        enabled = enabled == null || enabled;
        tick = tick == null ? Duration.ofSeconds(1) : tick;
        gatewayUrl = gatewayUrl == null || gatewayUrl.isBlank() ? "http://localhost:8000" : gatewayUrl;
        concurrency = concurrency == null ? 4 : concurrency;
    }

    ProbeSecrets secrets() {
        return new ProbeSecrets(
                System.getenv(), secretsDir == null || secretsDir.isBlank() ? null : java.nio.file.Path.of(secretsDir));
    }
}
